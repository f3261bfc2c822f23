import { artworkUrl } from "../../../shared/artwork.ts";

/** The fields of a series row that decide where its poster comes from. */
export interface PosterFields {
  id: number;
  imagesLoaded: boolean;
  coverUrl: string | null;
}

/**
 * Where a series' poster is loaded from: our own server once the images step wrote `poster.jpg` (no
 * third-party request, works with plain-http catalogue hosts), else the catalogue cover when it is https
 * (the CSP allows no other remote images), else nothing (the card shows a placeholder).
 */
export function posterSource(series: PosterFields): string | null {
  if (series.imagesLoaded) return artworkUrl(series.id, "poster.jpg");
  return httpsOnly(series.coverUrl);
}

/** The URL when it is https, else null (http covers are blocked by the CSP and would leak over plain http). */
export function httpsOnly(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

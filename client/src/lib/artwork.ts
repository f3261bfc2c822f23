import { artworkUrl, catalogCoverUrl } from "../../../shared/artwork.ts";

/** The fields of a series row that decide where its poster comes from. */
export interface PosterFields {
  id: number;
  imagesLoaded: boolean;
  coverUrl: string | null;
}

/**
 * Where a series' poster is loaded from: our own server once the images step wrote `poster.jpg`, else the
 * catalogue cover relayed through our server (the CSP allows no remote images), else nothing (the card
 * shows a placeholder).
 */
export function posterSource(series: PosterFields): string | null {
  if (series.imagesLoaded) return artworkUrl(series.id, "poster.jpg");
  return catalogCoverUrl(series.coverUrl);
}

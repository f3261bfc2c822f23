/**
 * The artwork files the server serves from a series folder (the names the metadata writer creates), and
 * the URL the web app loads them from. Anything else in a folder is never served.
 */
export const ARTWORK_NAME =
  /^(?:poster\.jpg|poster\.png|fanart\.jpg|logo\.png|season(?:\d{2,3}|-specials)-poster\.jpg)$/;

export type ArtworkName =
  | "poster.jpg"
  | "poster.png"
  | "fanart.jpg"
  | "logo.png"
  | `season${string}-poster.jpg`;

/** A series poster is one of these (catalogue covers may be PNG); the first present one counts. */
export const POSTER_FILES = ["poster.jpg", "poster.png"] as const;

export function isArtworkName(name: string): name is ArtworkName {
  return ARTWORK_NAME.test(name);
}

/** Content type by extension (the allow-list has only these two). */
export function artworkContentType(name: ArtworkName): "image/png" | "image/jpeg" {
  return name.endsWith(".png") ? "image/png" : "image/jpeg";
}

/** Same-origin URL of one artwork file of a series (authenticated by the session cookie). */
export function artworkUrl(seriesId: number, name: ArtworkName): string {
  return `/artwork/series/${seriesId}/${name}`;
}

/** Path of the route that relays catalogue covers (search results, series whose images are not loaded). */
export const CATALOG_COVER_ROUTE = "/artwork/catalog-cover";

/**
 * Same-origin URL for a catalogue cover: the page never loads third-party images (the CSP allows only our
 * own), so the server fetches the cover from the catalogue host. Only the path travels; the server puts
 * its configured catalogue origin in front of it. Null for no cover or an unreadable URL.
 */
export function catalogCoverUrl(coverUrl: string | null | undefined): string | null {
  if (!coverUrl) return null;
  try {
    const url = new URL(coverUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return `${CATALOG_COVER_ROUTE}?path=${encodeURIComponent(url.pathname + url.search)}`;
  } catch {
    return null;
  }
}

/**
 * The artwork files the server serves from a series folder (the names the metadata writer creates), and
 * the URL the web app loads them from. Anything else in a folder is never served.
 */
export const ARTWORK_NAME = /^(?:poster\.jpg|fanart\.jpg|logo\.png|season(?:\d{2,3}|-specials)-poster\.jpg)$/;

export type ArtworkName = "poster.jpg" | "fanart.jpg" | "logo.png" | `season${string}-poster.jpg`;

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

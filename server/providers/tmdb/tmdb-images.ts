import type { TmdbImage } from "./tmdb-schemas.ts";

/**
 * Picks an image: the metadata language first, then English, then language-less ("null"); within a group
 * the best voted, then the most voted, then the widest. Anything else (another language) is never used.
 */
export function chooseImage(images: readonly TmdbImage[], language: string): TmdbImage | null {
  const lang = language.slice(0, 2).toLowerCase();
  const groups = [lang, "en", null];
  for (const want of groups) {
    const candidates = images.filter(
      (i) => (i.iso_639_1 ?? null) === want || (want === null && i.iso_639_1 === ""),
    );
    if (candidates.length === 0) continue;
    return [...candidates].sort(
      (a, b) =>
        (b.vote_average ?? 0) - (a.vote_average ?? 0) ||
        (b.vote_count ?? 0) - (a.vote_count ?? 0) ||
        (b.width ?? 0) - (a.width ?? 0),
    )[0]!;
  }
  return null;
}

/** Logos may be SVG; TMDB also serves a PNG under the same name, which is what logo.png needs. */
export function pngPathOf(filePath: string): string {
  return filePath.replace(/\.svg$/i, ".png");
}

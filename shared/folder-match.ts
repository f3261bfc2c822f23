/**
 * A local match suggestion for a series folder without a catalogue identity: the folder (or NFO) title,
 * cleaned of years and media-server id markers, and the catalogue-style slug it would most likely have.
 * A catalogue search is not used here; the slug is a guess the user confirms.
 */
export interface FolderMatchSuggestion {
  title: string;
  year: number | null;
  slug: string;
  catalogKey: string;
}

const TRANSLITERATION: Record<string, string> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  ß: "ss",
  æ: "ae",
  ø: "o",
  œ: "oe",
};

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[äöüßæøœ]/g, (c) => TRANSLITERATION[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200)
    .replace(/-+$/, "");
}

export function suggestFolderMatch(
  folderName: string,
  nfoTitle: string | null = null,
): FolderMatchSuggestion | null {
  let title = (nfoTitle ?? folderName)
    .replace(/[[{(]\s*(?:imdb|tmdb|tvdb|anidb)(?:id)?[\s:=-]+[a-z0-9]+\s*[\]})]/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  let year: number | null = null;
  const m = /\s*[([]((?:19|20)\d{2})[)\]]\s*$/.exec(title);
  if (m && m.index > 0) {
    year = Number.parseInt(m[1]!, 10);
    title = title.slice(0, m.index).trim();
  }
  const slug = slugify(title);
  return slug ? { title, year, slug, catalogKey: `aniworld:${slug}` } : null;
}

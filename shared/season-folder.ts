/**
 * Season folder names: "Season 1", "Season 01", "Season.1", "Staffel 1", "Saison 2", "S01", "S1"; season 0
 * for "Season 00", "Specials", "Special", "Filme", "Film", "Films", "Movies", "OVA", "OVAs" (the catalogue
 * files films under season 0). Returns the season number, or null when the name is not a season folder.
 */
const NUMBERED = /^(?:season|staffel|saison|temporada)[\s._-]*(\d{1,4})$/i;
const SHORT = /^s(\d{1,4})$/i;
const SEASON_ZERO = /^(?:specials?|filme?|films|movies?|ovas?)$/i;

export function parseSeasonFolder(name: string): number | null {
  const trimmed = name.trim();
  const m = NUMBERED.exec(trimmed) ?? SHORT.exec(trimmed);
  if (m) return Number.parseInt(m[1]!, 10);
  return SEASON_ZERO.test(trimmed) ? 0 : null;
}

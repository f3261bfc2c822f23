import { findLanguageTag } from "./episode-language-tag.ts";
import { findEpisodeMarker } from "./episode-markers.ts";
import type { Language } from "./languages.ts";
import { stripMediaExtension } from "./media-files.ts";
import { cleanEpisodeTitle, cleanSeriesTitle, removeNoiseBrackets } from "./release-noise.ts";
import { parseSeasonFolder } from "./season-folder.ts";

/**
 * The episode-name parser: pure, runs in the browser, the server and the scan worker.
 * Input is a file name or a path relative to the series folder ("Season 01/Title - S01E01.mkv").
 *
 * Understood: S01E01, s01.e01, S01 - E01, S01 E01, S01E001, 1x01, [1x01], multi-episode (S01E01-E03,
 * S01E01E02, S01E01-03, 1x01-1x02), "Season 1 Episode 2", "Staffel 1 Folge 2", "[Group] Title S2 - 05",
 * "Episode 5" / "Ep05" / "E05" / "Folge 5", anime absolute numbers ("[Group] Title - 013 [1080p][ABCD1234]",
 * "Title - 013 - Name", "[Group] Title 13 [720p]"), version suffixes (09v2), bracketed release noise,
 * season folders (Season 1, Season 01, Staffel 1, S01, Specials / Filme = season 0), and the names Aniworld
 * writes ("Season 01/Title - S01E01 - Name [German Dub].mkv", older "Title - S01E001 - (German Dub).mp4").
 *
 * Known limitations (tested as such in tests/shared/episode-name-parser.test.ts):
 * - Absolute numbers under a season folder are read as that season's episode numbers ("Season 02/Title - 026"
 *   → S02E26), not mapped to the season's own numbering.
 * - A bare number without a dash or group tag is a title ("Mob Psycho 100.mkv" has no episode), but a name
 *   that starts with digits is an episode ("1984 - Name.mkv" → episode 1984).
 * - Single-digit NxN ("1x5") is not understood (it would misread titles like "3x3 Eyes").
 * - Decimal episodes ("13.5") read as the whole number (13); date-based names (2024-01-31) are not parsed.
 * - A bare "German"/"English" or codes like "[DE]" are not read as language tags; "Dual Audio" is noise.
 * - Titles are returned as written (no case folding, no transliteration); a year is only split off at the end.
 */
export interface ParsedEpisodeName {
  input: string;
  /** Series title part before the episode marker; null when the name starts with the marker. */
  title: string | null;
  /** Season from the name or, failing that, the nearest season folder; null when unknown. */
  season: number | null;
  /** Episode numbers within `season` (several for multi-episode files). */
  episodes: number[];
  /** Absolute (anime) episode numbers, only when no season is known. */
  absolute: number[];
  language: Language | null;
  /** Release version (09v2 → 2). */
  version: number | null;
  episodeTitle: string | null;
  year: number | null;
}

export function parseEpisodeName(input: string): ParsedEpisodeName {
  const segments = input.split(/[\\/]+/).filter((s) => s.length > 0);
  const fileName = segments.pop() ?? "";
  let folderSeason: number | null = null;
  for (let i = segments.length - 1; i >= 0 && folderSeason === null; i--)
    folderSeason = parseSeasonFolder(segments[i]!);

  let name = stripMediaExtension(fileName);
  const tag = findLanguageTag(name);
  if (tag) name = `${name.slice(0, tag.start)} ${name.slice(tag.end)}`;
  // "[Group]_Title_-_05_(…)": underscores are the spaces of names that have none.
  if (!name.includes(" ")) name = name.replace(/_/g, " ");
  name = removeNoiseBrackets(name);

  const marker = findEpisodeMarker(name);
  const result: ParsedEpisodeName = {
    input,
    title: null,
    season: folderSeason,
    episodes: [],
    absolute: [],
    language: tag?.language ?? null,
    version: null,
    episodeTitle: null,
    year: null,
  };
  if (!marker) {
    const clean = cleanSeriesTitle(name);
    return { ...result, title: clean.title, year: clean.year };
  }
  let { start, end } = marker;
  // "[1x01] Pilot": the brackets belong to the marker, not to the title parts around it.
  if ("[(".includes(name[start - 1] ?? "-") && "])".includes(name[end] ?? "-")) {
    start -= 1;
    end += 1;
  }
  const clean = cleanSeriesTitle(name.slice(0, start));
  result.title = clean.title;
  result.year = clean.year;
  result.version = marker.version;
  result.episodeTitle = cleanEpisodeTitle(name.slice(end));
  if (marker.season !== null) {
    result.season = marker.season;
    result.episodes = marker.numbers;
  } else if (folderSeason !== null) result.episodes = marker.numbers;
  else result.absolute = marker.numbers;
  return result;
}

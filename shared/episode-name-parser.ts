import { fileNameOf, pathSegments } from "./episode-path.ts";
import { type Reading, read } from "./episode-segment-reading.ts";
import type { Language } from "./languages.ts";
import { cleanEpisodeTitle, cleanSeriesTitle, cutAtNoise } from "./release-noise.ts";
import { parseSeasonFolder } from "./season-folder.ts";

/**
 * The episode-name parser: pure, runs in the browser, the server and the scan worker. Input is a file name or
 * a path ("Season 01/Title - S01E01.mkv", "/downloads/Title.S02E18.720p-GRP/45a55deb.mkv"). The accepted
 * forms are listed in docs/file-names.md; the markers live in episode-markers.ts (with a season) and
 * episode-numbers.ts (without), tried in that order, the first match winning.
 *
 * Path rules: a marker in the file name wins; when the file name has none with a season (a hash, "1011 - Name",
 * a bare number), the nearest of the two parent folders that carries one ("Title - 10x11 - Name [SDTV]/…")
 * decides; a season folder ("Season 2", "Staffel 2", "Specials") gives the season of bare numbers.
 *
 * Known limitations (pinned in tests/shared/episode-name-limits.test.ts):
 * - Absolute numbers under a season folder are read as that season's episode numbers ("Season 02/Title - 026"
 *   → S02E26), and so are a group's counts continued from earlier seasons ("Title S3 - 38" → S03E38): only the
 *   catalogue knows the seasons' lengths, so the library's matcher maps them (server/library/episode-matcher.ts).
 * - "[Grp] Mob Psycho 100 (Season 3) [1080p]": a title's number in a group-tagged season pack is an episode.
 * - A bare trailing number without a group tag, a dash or release noise after it is a title ("Mob Psycho 100",
 *   "Eve no Jikan 2 [CRC32]", "Title 13 [Group]" with only a trailing tag); with a leading group tag, or before
 *   a resolution, codec or source bracket, it is an episode, even a title's own ("Mob Psycho 100 [1080p]" → 100;
 *   "[Ayu] Kiddy Grade 2 - Special" → episode 2).
 * - Half episodes ("07.5") and extras ("ED2", "PV", "SP01", "EX01", "Special 01", "Menu01") get no numbers and
 *   a clean title, not season 0: which special a recap is only the catalogue knows. OVA/OAD/Movie with a
 *   number are read as that number. Episode parts ("111C") and daily shows (2024.01.31) give no number;
 *   "Movies 8 & 10" gives none (a number after "&" is not read).
 * - "[5F] Title - 14 Name Part 2": a dash number followed by title words is title, so a later "Part 2" wins.
 * - Only German and English are languages (the forms in episode-language-tag.ts); "VOSTFR", "[DE]", "Jpn_Chs",
 *   "Multi-Subs" and "Dual Audio" give none. A bare "German" after the marker followed by release noise is the
 *   audio language even when it ends an episode title ("S01E05.Learning.German.1080p" → German Dub).
 * - Titles are returned as written (no case folding, no transliteration; a year is split off only at the end;
 *   "(TV)" is dropped as release noise); all-bracket names with several title brackets keep the extra parts
 *   ("[GM][国漫][Title][Alt][2019][215]" → "Title - Alt").
 */
export interface ParsedEpisodeName {
  input: string;
  /** Series title part before the episode marker; null when the name starts with the marker. */
  title: string | null;
  /** Season from the name or, failing that, the nearest season folder; null when unknown. */
  season: number | null;
  /** Episode numbers within `season` (several for multi-episode files). */
  episodes: number[];
  /** Absolute (anime) episode numbers: the only numbers when no season is known, or written next to S01E01. */
  absolute: number[];
  language: Language | null;
  /** Release version (09v2 → 2). */
  version: number | null;
  episodeTitle: string | null;
  year: number | null;
  /** The release group ("[SubsPlease] …" → "SubsPlease", "….x264-LOL" → "LOL"); null when none is written. */
  group: string | null;
  /** 0–1: 0 when no number was found, about 0.5 for a bare trailing number, 0.97 for S01E01. */
  confidence: number;
}

/**
 * What the scan needs from a name: the numbers and the language, without the title work; `seasonTag` when the
 * season was written as a tag apart from the number ("S2 - 25"), whose number may count on from earlier seasons.
 */
export type EpisodeNumbers = Pick<ParsedEpisodeName, "season" | "episodes" | "absolute" | "language"> & {
  seasonTag: boolean;
};

interface Analysis {
  /** The reading the title comes from (the file's, or the release folder's when the file has no marker). */
  source: Reading;
  /** The release folder's reading, for the title when the file name has none ("1011 - Name.avi"). */
  folder?: Reading;
  season: number | null;
  episodes: number[];
  absolute: number[];
  language: Language | null;
  confidence: number;
  /** The episode numbers come from a marker whose season is a tag apart from them (EpisodeMarker.seasonTag). */
  seasonTag: boolean;
}

/** Reads the file name, then, if it needs them, its folders (release folder, season folder). */
function analyse(input: string): Analysis {
  // The folders are split only when the file name has no seasoned marker (most names have one).
  let segments: string[] | null = null;
  let fileName = fileNameOf(input);
  if (fileName === null) {
    segments = pathSegments(input);
    fileName = segments.pop() ?? "";
  }
  const file = read(fileName, true);
  const language = file.language;
  const m = file.marker;
  if (m && m.season !== null)
    return {
      source: file,
      season: m.season,
      episodes: m.numbers,
      absolute: m.absolute,
      language,
      confidence: m.confidence,
      seasonTag: m.seasonTag,
    };
  if (segments === null) {
    segments = pathSegments(input);
    segments.pop();
  }
  let folderSeason: number | null = null;
  let packFolder: Reading | null = null;
  for (let i = segments.length - 1; i >= 0 && folderSeason === null; i--) {
    folderSeason = parseSeasonFolder(segments[i]!);
    // "Title.S02E18.720p-GRP/45a55deb.mkv": a release folder (one of the two nearest) names the episode.
    if (folderSeason !== null || i < segments.length - 2) continue;
    const folder = read(segments[i]!, false);
    const fm = folder.marker;
    // "Title.S01.1080p.BluRay-GRP/Title.E05.mkv": a season-pack folder is a season folder.
    if (fm && fm.season !== null && fm.numbers.length === 0) {
      folderSeason = fm.season;
      packFolder = folder;
      continue;
    }
    // A folder's bare or leading number ("86 - Eighty Six/…") is a title, not the file's episode.
    if (fm && (fm.season !== null || (!m && fm.confidence >= 0.75))) {
      const source = m ? file : folder;
      const confidence = fm.confidence * 0.9;
      const lang = language ?? folder.language;
      if (fm.season !== null)
        return {
          source,
          folder,
          season: fm.season,
          episodes: fm.numbers,
          absolute: fm.absolute,
          language: lang,
          confidence,
          seasonTag: fm.seasonTag,
        };
      return {
        source,
        folder,
        season: null,
        episodes: [],
        absolute: fm.numbers,
        language: lang,
        confidence,
        seasonTag: false,
      };
    }
  }
  if (!m) {
    // A file without a marker in a season-pack folder takes the folder's title too.
    const source = packFolder ?? file;
    return {
      source,
      season: folderSeason,
      episodes: [],
      absolute: [],
      language,
      confidence: 0,
      seasonTag: false,
    };
  }
  // "Season 02/Title - 026": the season folder is a season written apart from the number.
  if (folderSeason !== null)
    return {
      source: file,
      season: folderSeason,
      episodes: m.numbers,
      absolute: [],
      language,
      confidence: m.confidence * 0.9,
      seasonTag: true,
    };
  if (m.impliedSeason !== undefined)
    return {
      source: file,
      season: m.impliedSeason,
      episodes: m.numbers,
      absolute: [],
      language,
      confidence: m.confidence * 0.9,
      seasonTag: false,
    };
  return {
    source: file,
    season: null,
    episodes: [],
    absolute: m.numbers,
    language,
    confidence: m.confidence,
    seasonTag: false,
  };
}

/**
 * Labels of extras at the end of a marker-less name ("Title ED2", "Title - NCOP1a", "Title PV", "Title - SP01", "Title - Special 01"):
 * an opening or a preview is not an episode, and its label is not title.
 */
const EXTRA_LABEL =
  /\s(?:-\s)?(?:(?:NC)?(?:ED|OP)\d{0,2}[a-z]?|PV\d{0,2}|(?:EX|SP|CM)\d{1,2}|[Mm]enu\s?\d{0,2}|[Ss]pecial\s?\d{1,2}|[Pp]review|[Tt]railer|[Tt]easer)\s*$/;

/** "Title - Temporada 2 [Cap.208]", "Title Episode 07 (S2E7)": a season or episode label the marker repeats. */
const SEASON_LABEL =
  /\s(?:-\s)?(?:(?:season|staffel|saison|temporada|seizoen)\s?\d{1,4}|(?:episode|ep)\.?\s?\d{1,4})\s*$/i;

/**
 * "Title (1968) [TSHS] episode 06", "Title [HorribleSubs] (1080p)": in a name without a group tag elsewhere, a
 * bracket after the title words is the group. With a leading group ("[Grp] Title [Anime] - 01") it is title.
 */
function withoutGroupTag(raw: string, result: ParsedEpisodeName): string {
  if (result.group !== null) return raw;
  const tag = /(\S)\s+\[([^[\]]+)\][\s-]*$/.exec(raw);
  if (!tag) return raw;
  result.group = tag[2]!.trim();
  return raw.slice(0, tag.index + 1);
}

/**
 * The title a name without one gets from its series folder ("/tv/Title/S01E05.mkv"): the nearest of the two
 * parent folders that is not a season folder.
 */
function folderTitle(input: string): string | null {
  if (!input.includes("/") && !input.includes("\\")) return null;
  const segments = pathSegments(input);
  segments.pop();
  for (let i = segments.length - 1; i >= Math.max(0, segments.length - 2); i--) {
    if (parseSeasonFolder(segments[i]!) !== null) continue;
    const folder = read(segments[i]!, false);
    const raw = folder.marker ? folder.text.slice(0, folder.marker.start) : cutAtNoise(folder.text);
    return cleanSeriesTitle(raw, true).title;
  }
  return null;
}

/**
 * The scan's entry point: the same reading as parseEpisodeName (one shared front half), minus the title
 * cleaning, which a scan never uses.
 */
export function parseEpisodeNumbers(input: string): EpisodeNumbers {
  const a = analyse(input);
  return {
    season: a.season,
    episodes: a.episodes,
    absolute: a.absolute,
    language: a.language,
    seasonTag: a.seasonTag,
  };
}

export function parseEpisodeName(input: string): ParsedEpisodeName {
  const a = analyse(input);
  const { text, releaseStyle, marker, group } = a.source;
  const result: ParsedEpisodeName = {
    input,
    title: null,
    season: a.season,
    episodes: a.episodes,
    absolute: a.absolute,
    language: a.language,
    version: null,
    episodeTitle: null,
    year: null,
    group,
    confidence: Math.round(a.confidence * 100) / 100,
  };
  if (!marker) {
    // No marker: the title runs up to the first strong release-noise word ("Title.2024.01.31.720p.WEB").
    // "Toradora ED2", "Title NCOP1a": an opening or ending is not an episode, and its label is not title.
    const raw = withoutGroupTag(cutAtNoise(text).replace(EXTRA_LABEL, ""), result);
    const clean = cleanSeriesTitle(raw, releaseStyle);
    return { ...result, title: clean.title ?? folderTitle(input), year: clean.year };
  }
  let { start, end } = marker;
  // "[1x01] Pilot", "(S2E1)": the brackets belong to the marker, not to the title parts around it.
  if ("[(".includes(text[start - 1] ?? "-") && "])".includes(text[end] ?? "-")) {
    start -= 1;
    end += 1;
  }
  // The space before the marker stays with the title: it tells a glued dot ("Gintama. - 01") from a separator
  // ("Title.19x06").
  const before = text.slice(0, text[start] === " " ? start + 1 : start);
  let clean = cleanSeriesTitle(withoutGroupTag(before.replace(SEASON_LABEL, ""), result), true);
  // "Оригинал (S2E1) / Title (S2E1)": the translated title after the slash, when the first has no Latin letters.
  const slash = /^\s*\/\s+/.exec(text.slice(end));
  if (slash && clean.title !== null && !/[a-z]/i.test(clean.title)) {
    const at = text.indexOf(text.slice(marker.start, marker.end), end + slash[0].length);
    const other = at > 0 ? cleanSeriesTitle(text.slice(end + slash[0].length, at), true) : null;
    if (other?.title && /[a-z]/i.test(other.title)) {
      clean = other;
      end = at + (marker.end - marker.start) + (text[at + marker.end - marker.start] === ")" ? 1 : 0);
    }
  }
  if (clean.title === null && a.folder?.marker)
    clean = cleanSeriesTitle(a.folder.text.slice(0, a.folder.marker.start), true);
  const episode = cleanEpisodeTitle(text.slice(end));
  return {
    ...result,
    title: clean.title ?? folderTitle(input),
    year: episode.year ?? clean.year,
    version: marker.version,
    episodeTitle: episode.title,
  };
}

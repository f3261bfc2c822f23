import type { EpisodeFile } from "../../db/repositories/episodes-repository.ts";
import type { UnmatchedFile } from "../../shared/library-api.ts";
import type { ScannedFile } from "../../shared/library-scan.ts";
import { episodeCode } from "../../shared/naming.ts";

/** A catalogue episode, in the catalogue's order (season, then number). */
export interface CatalogueEpisode {
  season: number;
  number: number;
}

export interface MatchResult {
  files: EpisodeFile[];
  unmatched: UnmatchedFile[];
}

/** How the parser read a file, as the series page shows it: "S01E05", "S01E05-E07", "absolute 130". */
export function readingOf(file: ScannedFile): string | null {
  if (file.season !== null && file.episodes.length > 0) {
    const first = file.episodes[0]!;
    const last = file.episodes[file.episodes.length - 1]!;
    return episodeCode(file.season, first, last);
  }
  if (file.absolute.length === 0) return null;
  const first = file.absolute[0]!;
  const last = file.absolute[file.absolute.length - 1]!;
  return last === first ? `absolute ${first}` : `absolute ${first}-${last}`;
}

/**
 * The common folder: every file names one episode of a season, each a later one than the file before (the
 * files come sorted by path, and "S01E01"…"S01E50" sort in episode order), and a later season written as a
 * tag starts at its episode 1 (a group counting on from earlier seasons, "S2 - 25", starts later). No two
 * files can compete for an episode then, so each attaches as it is: the answer the full matching below
 * gives, without its maps and without reading the catalogue. Null when the folder is not like that.
 */
function plainFiles(files: readonly ScannedFile[]): EpisodeFile[] | null {
  const out: EpisodeFile[] = new Array(files.length);
  let previous = -1;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const season = file.season;
    if (season === null || season >= 32_768 || file.episodes.length !== 1) return null;
    const number = file.episodes[0]!;
    const key = season * 65_536 + number;
    if (number >= 65_536 || key <= previous) return null;
    if (file.seasonTag && season >= 2 && number > 1 && season !== Math.floor(previous / 65_536)) return null;
    previous = key;
    out[i] = { season, number, filePath: file.path, fileSize: file.size, fileLanguage: file.language };
  }
  return out;
}

/**
 * A season's numbers as the catalogue counts them. "Title S3 - 38", "Title 2nd Season - 25": a group that
 * counts on from the earlier seasons writes numbers past the season's length. When every number exceeds the
 * season's length in the catalogue and, counted as an absolute number through the catalogue's seasons, lands in
 * that same season, it is that episode; otherwise the numbers stay as written (nothing is guessed).
 */
function withinSeason(
  season: number,
  numbers: readonly number[],
  ordered: readonly CatalogueEpisode[],
  lengths: ReadonlyMap<number, number>,
): readonly number[] {
  const length = lengths.get(season) ?? 0;
  if (length === 0 || !numbers.every((n) => n > length && ordered[n - 1]?.season === season)) return numbers;
  return numbers.map((n) => ordered[n - 1]?.number ?? n);
}

/** How many catalogue episodes each season has. */
function seasonLengths(ordered: readonly CatalogueEpisode[]): Map<number, number> {
  const lengths = new Map<number, number>();
  for (const e of ordered) lengths.set(e.season, (lengths.get(e.season) ?? 0) + 1);
  return lengths;
}

/**
 * Attaches the scanned files of one series folder to its episodes. Season/episode readings attach as they
 * are (an episode the catalogue does not list becomes a disk-only episode), except numbers counted on from
 * earlier seasons (withinSeason). Absolute numbers count through the catalogue's seasons ≥ 1 in order, so each
 * season's length decides where absolute 26 lands; with no catalogue yet they are read as season 1. One file
 * per episode: the preferred language wins, then the first path. What attaches nowhere is returned as
 * unmatched, with the reason: no number in the name, an absolute number past the catalogue's end, or every
 * episode it names already taken by a better file.
 */
export function matchEpisodeFiles(
  files: readonly ScannedFile[],
  unparsed: readonly string[],
  catalogue: () => readonly CatalogueEpisode[],
  rank: (language: string | null) => number,
): MatchResult {
  let ordered: CatalogueEpisode[] | null = null;
  let lengths: Map<number, number> | null = null;
  const unmatched: UnmatchedFile[] = unparsed.map((path) => ({ path, reason: "no-number", reading: null }));
  const plain = plainFiles(files);
  if (plain) {
    unmatched.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files: plain, unmatched };
  }
  // Numeric keys: this loop runs once per file of the library on a first scan.
  const chosen = new Map<number | string, EpisodeFile>();
  const claimed = new Map<ScannedFile, number>();
  const byPath = new Map<string, ScannedFile>();
  const choose = (season: number, number: number, file: ScannedFile) => {
    // Small integer keys (fast Map hashing) for every real season/number; absurd ones get a string key.
    const key = season < 32_768 && number < 65_536 ? season * 65_536 + number : `${season}:${number}`;
    const current = chosen.get(key);
    if (current && rank(file.language) >= rank(current.fileLanguage)) return;
    if (current) {
      const loser = byPath.get(current.filePath);
      if (loser) claimed.set(loser, (claimed.get(loser) ?? 1) - 1);
    }
    chosen.set(key, {
      season,
      number,
      filePath: file.path,
      fileSize: file.size,
      fileLanguage: file.language,
    });
    claimed.set(file, (claimed.get(file) ?? 0) + 1);
  };
  for (const file of files) {
    byPath.set(file.path, file);
    claimed.set(file, 0);
    if (file.season !== null) {
      let numbers: readonly number[] = file.episodes;
      // Season 1 has no earlier seasons to count on from; S02E30 counts within its season as written.
      if (file.season >= 2 && file.seasonTag) {
        ordered ??= catalogue().filter((e) => e.season >= 1);
        lengths ??= seasonLengths(ordered);
        numbers = withinSeason(file.season, numbers, ordered, lengths);
      }
      for (const number of numbers) choose(file.season, number, file);
      continue;
    }
    ordered ??= catalogue().filter((e) => e.season >= 1);
    const list = ordered;
    let beyond = false;
    for (const n of file.absolute) {
      const target = list.length === 0 ? { season: 1, number: n } : list[n - 1];
      if (target) choose(target.season, target.number, file);
      else beyond = true;
    }
    if (beyond && (claimed.get(file) ?? 0) === 0)
      unmatched.push({ path: file.path, reason: "not-in-catalogue", reading: readingOf(file) });
  }
  for (const [file, wins] of claimed)
    if (wins <= 0 && !unmatched.some((u) => u.path === file.path))
      unmatched.push({ path: file.path, reason: "duplicate", reading: readingOf(file) });
  unmatched.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: [...chosen.values()], unmatched };
}

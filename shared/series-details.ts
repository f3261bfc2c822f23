/** series.get's and series.missing's answers: one series in detail with its episodes, and missing episodes. */
import type { SeriesSummary } from "./series-list.ts";

/** One episode of series.get: what the catalogue lists, what is on disk, and whether it counts as missing. */
export interface EpisodeState {
  id: number;
  season: number;
  number: number;
  titleDe: string | null;
  titleEn: string | null;
  languages: string[];
  /** First air date ("YYYY-MM-DD") when the catalogue or TMDB knows it. */
  airDate: string | null;
  /** Wanted and fetched when missing (per-episode monitoring). */
  monitored: boolean;
  inCatalog: boolean;
  onDisk: boolean;
  filePath: string | null;
  fileSize: number | null;
  fileLanguage: string | null;
  missing: boolean;
}

export interface SeriesDetails extends SeriesSummary {
  description: string | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
  endYear: number | null;
  /** The series' own language preference; null = the global setting. */
  languages: string[] | null;
  /** The logo step found no logo to write: the folder has no logo.png to show. */
  logoUnavailable: boolean;
  episodes: EpisodeState[];
}

/** One episode of series.missing (library-wide or for one series). */
export interface MissingEpisode {
  id: number;
  seriesId: number;
  seriesTitle: string;
  season: number;
  number: number;
  titleDe: string | null;
  titleEn: string | null;
  languages: string[];
}

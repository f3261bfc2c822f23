/**
 * A series with its episode counts as the API summarises it (series.list's rows and series.get's summary
 * are both read through SeriesListQueries), and which episodes count as missing.
 */
import { sql } from "drizzle-orm";
import type { SeriesSummary } from "../../shared/series-list.ts";

/** How "missing" is counted: every catalogue episode without a file, or only those offered in a preferred language. */
export interface MissingRule {
  mode: "any" | "preferred";
  /** The global preference, used for series whose own `languages` is null. */
  defaultLanguages: readonly string[];
}

/**
 * The SQL condition "episode e of series s is missing": listed by the catalogue, no file, and (preferred
 * mode) offered in one of the series' languages or, when the series has none, the global ones.
 */
export function missingCondition(rule: MissingRule) {
  const base = sql`e.in_catalog = 1 AND e.file_path IS NULL`;
  if (rule.mode === "any") return base;
  const fallback = JSON.stringify(rule.defaultLanguages);
  return sql`${base} AND EXISTS (SELECT 1 FROM json_each(e.languages) l WHERE l.value IN (SELECT value FROM json_each(coalesce(s.languages, ${fallback}))))`;
}

/**
 * The counter column "missing" reads under the rule: series_counters keeps both exact (episodes-repository.ts
 * and the triggers of migration 0003), so a summary never counts episodes. `table` is the column's prefix.
 */
export const missingColumn = (rule: MissingRule, table = "c.") =>
  `${table}${rule.mode === "any" ? "episodes_missing" : "episodes_missing_preferred"}`;

/** Series `s` with its counters `c`; every series has a counters row (a trigger of migration 0003 makes it). */
export const SUMMARY_FROM = "FROM series s JOIN series_counters c ON c.series_id = s.id";

/** The select list of a SummaryRow, its missing count read per the rule. */
export const summaryColumns = (rule: MissingRule) =>
  `s.id, s.catalog_key AS catalogKey, s.title, s.folder, s.year, s.cover_url AS coverUrl, s.monitored,
  s.loading_status AS loadingStatus, s.episodes_loaded AS episodesLoaded, s.nfo_loaded AS nfoLoaded,
  s.logo_loaded AS logoLoaded, s.images_loaded AS imagesLoaded, s.loading_error AS loadingError,
  c.episodes_on_disk AS episodesOnDisk, ${missingColumn(rule)} AS episodesMissing,
  c.episodes_total AS episodesTotal`;

type Flag = "monitored" | "episodesLoaded" | "nfoLoaded" | "logoLoaded" | "imagesLoaded";

/** A row of summaryColumns: the summary with SQLite's 0/1 for its flags. */
export type SummaryRow = Omit<SeriesSummary, Flag> & Record<Flag, number>;

/** The API object of a row. */
export const summaryOf = (r: SummaryRow): SeriesSummary => ({
  ...r,
  monitored: r.monitored === 1,
  episodesLoaded: r.episodesLoaded === 1,
  nfoLoaded: r.nfoLoaded === 1,
  logoLoaded: r.logoLoaded === 1,
  imagesLoaded: r.imagesLoaded === 1,
});

/**
 * A series with its episode counts as the API summarises it (series.get's summary; series.list reads its
 * windows in series-list-query.ts), and which episodes count as missing.
 */
import { sql } from "drizzle-orm";
import type { SeriesSummary } from "../../shared/series-list.ts";
import type { LoadingStatus } from "../../shared/series-loading.ts";
import type { Db } from "../connection.ts";

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

/** Every series ordered by title, or one by id, with its counters (see SeriesRepository.listSummaries). */
export function prepareSummaryStatements(db: Db) {
  return {
    all: db.$client.prepare<SummaryRow, []>(`${SUMMARY_SQL} ORDER BY s.title COLLATE NOCASE, s.id`),
    one: db.$client.prepare<SummaryRow, [number]>(`${SUMMARY_SQL} WHERE s.id = ?`),
  };
}

/** The API object of a row, its missing count read per the rule. */
export function summaryOf(r: SummaryRow, rule: MissingRule): SeriesSummary {
  const missing = rule.mode === "any" ? r.missing : r.missing_preferred;
  return {
    id: r.id,
    catalogKey: r.catalog_key,
    title: r.title,
    folder: r.folder,
    year: r.year,
    coverUrl: r.cover_url,
    monitored: r.monitored === 1,
    loadingStatus: r.loading_status,
    episodesLoaded: r.episodes_loaded === 1,
    nfoLoaded: r.nfo_loaded === 1,
    logoLoaded: r.logo_loaded === 1,
    imagesLoaded: r.images_loaded === 1,
    loadingError: r.loading_error,
    episodesOnDisk: r.on_disk,
    episodesMissing: missing,
    episodesTotal: r.total,
  };
}

interface SummaryRow {
  id: number;
  catalog_key: string;
  title: string;
  folder: string;
  year: number | null;
  cover_url: string | null;
  monitored: number;
  loading_status: LoadingStatus;
  episodes_loaded: number;
  nfo_loaded: number;
  logo_loaded: number;
  images_loaded: number;
  loading_error: string | null;
  languages: string | null;
  total: number;
  on_disk: number;
  missing: number;
  missing_preferred: number;
}

const SUMMARY_SQL = `
  SELECT s.id, s.catalog_key, s.title, s.folder, s.year, s.cover_url, s.monitored, s.loading_status,
         s.episodes_loaded, s.nfo_loaded, s.logo_loaded, s.images_loaded, s.loading_error, s.languages,
         coalesce(c.episodes_total, 0) AS total, coalesce(c.episodes_on_disk, 0) AS on_disk,
         coalesce(c.episodes_missing, 0) AS missing, coalesce(c.episodes_missing_preferred, 0) AS missing_preferred
  FROM series s LEFT JOIN series_counters c ON c.series_id = s.id`;

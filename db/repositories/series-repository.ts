import { eq, sql } from "drizzle-orm";
import type { Db } from "../connection.ts";
import { type NewSeriesRow, type SeriesRow, series } from "../schema/index.ts";

/** How "missing" is counted: every catalogue episode without a file, or only those offered in a preferred language. */
export interface MissingRule {
  mode: "any" | "preferred";
  /** The global preference, used for series whose own `languages` is null. */
  defaultLanguages: readonly string[];
}

/** A series row with its episode counts, as series.list shows it. */
export interface SeriesSummary {
  id: number;
  catalogKey: string;
  title: string;
  folder: string;
  year: number | null;
  coverUrl: string | null;
  monitored: boolean;
  loadingStatus: string;
  episodesLoaded: boolean;
  nfoLoaded: boolean;
  logoLoaded: boolean;
  imagesLoaded: boolean;
  loadingError: string | null;
  episodesOnDisk: number;
  episodesMissing: number;
  episodesTotal: number;
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

/** Series rows: lookups by id, catalogue key and folder, creation, and the counted list. */
export class SeriesRepository {
  // Prepared once: scans look series up per folder.
  private readonly byId;
  private readonly byKey;
  private readonly byFolder;

  constructor(private readonly db: Db) {
    this.byId = db
      .select()
      .from(series)
      .where(eq(series.id, sql.placeholder("v")))
      .prepare();
    this.byKey = db
      .select()
      .from(series)
      .where(eq(series.catalogKey, sql.placeholder("v")))
      .prepare();
    this.byFolder = db
      .select()
      .from(series)
      .where(eq(series.folder, sql.placeholder("v")))
      .prepare();
  }

  findById(id: number): SeriesRow | undefined {
    return this.byId.get({ v: id });
  }

  findByCatalogKey(catalogKey: string): SeriesRow | undefined {
    return this.byKey.get({ v: catalogKey });
  }

  findByFolder(folder: string): SeriesRow | undefined {
    return this.byFolder.get({ v: folder });
  }

  /** Inserts a series; `createdAt`/`updatedAt` default to now. */
  insert(row: Omit<NewSeriesRow, "createdAt" | "updatedAt"> & { createdAt?: number }): SeriesRow {
    const now = Date.now();
    return this.db
      .insert(series)
      .values({ ...row, createdAt: row.createdAt ?? now, updatedAt: now })
      .returning()
      .get();
  }

  update(id: number, patch: Partial<Omit<NewSeriesRow, "id" | "createdAt">>): SeriesRow | undefined {
    return this.db
      .update(series)
      .set({ ...patch, updatedAt: Date.now() })
      .where(eq(series.id, id))
      .returning()
      .get();
  }

  /** id, folder and key of every series (cheap; for scans). */
  listFolders(): { id: number; folder: string; catalogKey: string }[] {
    return this.db
      .select({ id: series.id, folder: series.folder, catalogKey: series.catalogKey })
      .from(series)
      .all();
  }

  /**
   * Every series (or one) with its counts, in one aggregate query over the episodes table (grouped by the
   * series index; the join to series only when the preferred-language rule needs it), ordered by title. Counts: on disk = episodes with a file; total = catalogue episodes;
   * missing per `rule`.
   */
  listSummaries(rule: MissingRule, onlyId?: number): SeriesSummary[] {
    const where = onlyId === undefined ? sql`` : sql`WHERE s.id = ${onlyId}`;
    const counts = sql`
      SELECT e.series_id AS series_id,
             sum(e.in_catalog) AS total,
             count(e.file_path) AS on_disk,
             sum(CASE WHEN ${missingCondition(rule)} THEN 1 ELSE 0 END) AS missing
      FROM episodes e ${rule.mode === "preferred" ? sql`JOIN series s ON s.id = e.series_id` : sql``}
      ${onlyId === undefined ? sql`` : sql`WHERE e.series_id = ${onlyId}`}
      GROUP BY e.series_id`;
    const rows = this.db.all<Record<string, unknown>>(sql`
      SELECT s.id, s.catalog_key, s.title, s.folder, s.year, s.cover_url, s.monitored, s.loading_status,
             s.episodes_loaded, s.nfo_loaded, s.logo_loaded, s.images_loaded, s.loading_error,
             coalesce(c.total, 0) AS total, coalesce(c.on_disk, 0) AS on_disk, coalesce(c.missing, 0) AS missing
      FROM series s LEFT JOIN (${counts}) c ON c.series_id = s.id
      ${where}
      ORDER BY s.title COLLATE NOCASE, s.id`);
    return rows.map((r) => ({
      id: Number(r.id),
      catalogKey: String(r.catalog_key),
      title: String(r.title),
      folder: String(r.folder),
      year: r.year === null ? null : Number(r.year),
      coverUrl: r.cover_url === null ? null : String(r.cover_url),
      monitored: Boolean(r.monitored),
      loadingStatus: String(r.loading_status),
      episodesLoaded: Boolean(r.episodes_loaded),
      nfoLoaded: Boolean(r.nfo_loaded),
      logoLoaded: Boolean(r.logo_loaded),
      imagesLoaded: Boolean(r.images_loaded),
      loadingError: r.loading_error === null ? null : String(r.loading_error),
      episodesOnDisk: Number(r.on_disk),
      episodesMissing: Number(r.missing),
      episodesTotal: Number(r.total),
    }));
  }
}

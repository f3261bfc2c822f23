import type { Statement } from "bun:sqlite";
import { eq, sql } from "drizzle-orm";
import type { LoadingStatus } from "../../shared/series-loading.ts";
import type { Db } from "../connection.ts";
import { compileRowMapper } from "../row-mapper.ts";
import { type NewSeriesRow, type SeriesRow, series } from "../schema/index.ts";

const toSeriesRow = compileRowMapper(series);

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

/** `series.id IN (ids)` as one JSON parameter: a selection may hold more ids than SQLite takes parameters. */
const idIn = (ids: readonly number[]) =>
  sql`${series.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The columns a scan needs of a series; read raw because a scan looks up every folder. */
export interface SeriesRef {
  id: number;
  catalogKey: string;
  folder: string;
  /** The series' own language preference; null = the global one. */
  languages: string[] | null;
}

interface RawRef {
  id: number;
  catalogKey: string;
  folder: string;
  languages: string | null;
}

const REF_COLUMNS = "id, catalog_key AS catalogKey, folder, languages";
const refOf = (raw: RawRef | null): SeriesRef | undefined =>
  raw ? { ...raw, languages: jsonStrings(raw.languages) } : undefined;

/**
 * The only writer of the series table (tests/db/table-writers.test.ts keeps it so): series.add's insert,
 * rows a scan finds, settings (monitored, languages), loading status and metadata, removal. Also the
 * lookups by id, catalogue key and folder, and the counted list.
 */
export class SeriesRepository {
  // Prepared once: scans look series up per folder.
  private readonly byId;
  private readonly byFolder;
  private readonly refByFolder: Statement<RawRef, [string]>;
  private readonly refByKey: Statement<RawRef, [string]>;
  private readonly insertRef: Statement<RawRef, [string, string, string, number | null, number, number]>;
  private readonly rawByKey: Statement<Record<string, unknown>, [string]>;
  private readonly insertPending: Statement<
    Record<string, unknown>,
    [string, string, string, number, number, string | null]
  >;
  private readonly loadingStarted;
  private readonly loadingSettled;
  private readonly summaries: Statement<SummaryRow, []>;
  private readonly summaryOf: Statement<SummaryRow, [number]>;

  constructor(private readonly db: Db) {
    this.byId = db
      .select()
      .from(series)
      .where(eq(series.id, sql.placeholder("v")))
      .prepare();
    this.byFolder = db
      .select()
      .from(series)
      .where(eq(series.folder, sql.placeholder("v")))
      .prepare();
    this.refByFolder = db.$client.prepare(`SELECT ${REF_COLUMNS} FROM series WHERE folder = ?`);
    this.refByKey = db.$client.prepare(`SELECT ${REF_COLUMNS} FROM series WHERE catalog_key = ?`);
    this.insertRef = db.$client.prepare(
      `INSERT INTO series (catalog_key, title, folder, year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       RETURNING ${REF_COLUMNS}`,
    );
    // series.add is the hot path (p99 ≤ 5 ms under load): raw statements, rows mapped by a compiled mapper.
    this.rawByKey = db.$client.prepare("SELECT * FROM series WHERE catalog_key = ?");
    this.insertPending = db.$client.prepare(
      `INSERT INTO series (catalog_key, title, folder, loading_status, created_at, updated_at, monitored, languages)
       VALUES (?1, ?2, ?3, 'pending', ?4, ?4, ?5, ?6) RETURNING *`,
    );
    // Loading writes happen several times per series and step: prepared once (drizzle builds SQL per call).
    // In set(), drizzle takes placeholders only wrapped as SQL.
    const p = (name: string) => sql`${sql.placeholder(name)}`;
    this.loadingStarted = db
      .update(series)
      .set({
        loadingStatus: p("status"),
        loadingError: null,
        loadingStartedAt: sql`coalesce(${series.loadingStartedAt}, ${p("now")})`,
        updatedAt: p("now"),
      })
      .where(eq(series.id, sql.placeholder("id")))
      .returning()
      .prepare();
    this.loadingSettled = db
      .update(series)
      .set({
        loadingStatus: p("status"),
        loadingError: p("error"),
        loadingCompletedAt: p("completedAt"),
        updatedAt: p("now"),
      })
      .where(eq(series.id, sql.placeholder("id")))
      .returning()
      .prepare();
    this.summaries = db.$client.prepare(`${SUMMARY_SQL} ORDER BY s.title COLLATE NOCASE, s.id`);
    this.summaryOf = db.$client.prepare(`${SUMMARY_SQL} WHERE s.id = ?`);
  }

  listMonitored(): SeriesRow[] {
    return this.db.select().from(series).where(eq(series.monitored, true)).all();
  }

  findById(id: number): SeriesRow | undefined {
    return this.byId.get({ v: id });
  }

  /** Series whose loading failed, newest first (System → Health). */
  listFailedLoading(limit: number): { id: number; title: string; error: string | null }[] {
    return this.db
      .select({ id: series.id, title: series.title, error: series.loadingError })
      .from(series)
      .where(eq(series.loadingStatus, "failed"))
      .orderBy(sql`${series.updatedAt} desc`)
      .limit(limit)
      .all();
  }

  findByCatalogKey(catalogKey: string): SeriesRow | undefined {
    const raw = this.rawByKey.get(catalogKey);
    return raw ? toSeriesRow(raw) : undefined;
  }

  /** series.add's row: only what is known before the catalogue answered; the loader fills in the rest. */
  insertAdded(
    catalogKey: string,
    title: string,
    folder: string,
    now = Date.now(),
    choices: { monitored?: boolean | undefined; languages?: readonly string[] | null | undefined } = {},
  ): SeriesRow {
    const languages = choices.languages ? JSON.stringify(choices.languages) : null;
    const raw = this.insertPending.get(catalogKey, title, folder, now, choices.monitored ? 1 : 0, languages);
    if (!raw) throw new Error("series insert returned no row");
    return toSeriesRow(raw);
  }

  /** Deletes the series (its episodes, counters and downloads cascade); the deleted row, if there was one. */
  delete(id: number): SeriesRow | undefined {
    return this.db.delete(series).where(eq(series.id, id)).returning().get();
  }

  /** A loading step began: `status` is the step's; the start time is kept from the first step. */
  markLoadingStarted(id: number, status: LoadingStatus, now = Date.now()): SeriesRow | undefined {
    return this.loadingStarted.get({ id, status, now });
  }

  /** Loading ended (`completed`/`failed`) or went back to `pending`. */
  settleLoading(
    id: number,
    status: LoadingStatus,
    error: string | null,
    completedAt: number | null,
    now = Date.now(),
  ): SeriesRow | undefined {
    return this.loadingSettled.get({ id, status, error, completedAt, now });
  }

  findByFolder(folder: string): SeriesRow | undefined {
    return this.byFolder.get({ v: folder });
  }

  findRefByFolder(folder: string): SeriesRef | undefined {
    return refOf(this.refByFolder.get(folder));
  }

  findRefByCatalogKey(catalogKey: string): SeriesRef | undefined {
    return refOf(this.refByKey.get(catalogKey));
  }

  /** Inserts a series known only from a folder's identity (every other column at its default). */
  insertFromFolder(row: {
    catalogKey: string;
    title: string;
    folder: string;
    year: number | null;
  }): SeriesRef {
    const now = Date.now();
    const raw = this.insertRef.get(row.catalogKey, row.title, row.folder, row.year, now, now);
    if (!raw) throw new Error("series insert returned no row");
    return { ...raw, languages: jsonStrings(raw.languages) };
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

  /** Which of `ids` exist (bulk changes refuse unknown ids before writing anything). */
  existingIds(ids: readonly number[]): Set<number> {
    return new Set(
      this.db
        .select({ id: series.id })
        .from(series)
        .where(idIn(ids))
        .all()
        .map((r) => r.id),
    );
  }

  /** One patch for many series in one statement; the number of rows changed. */
  updateMany(ids: readonly number[], patch: Partial<Omit<NewSeriesRow, "id" | "createdAt">>): number {
    return this.db
      .update(series)
      .set({ ...patch, updatedAt: Date.now() })
      .where(idIn(ids))
      .returning({ id: series.id })
      .all().length;
  }

  /** id, folder and key of every series (cheap; for scans). */
  listFolders(): { id: number; folder: string; catalogKey: string }[] {
    return this.db
      .select({ id: series.id, folder: series.folder, catalogKey: series.catalogKey })
      .from(series)
      .all();
  }

  /**
   * Every series (or one) with its counts, ordered by title. The counts come from series_counters (kept
   * exact by episodes-repository.ts), not from an aggregate over the episodes: one row per series. On
   * disk = episodes with a file; total = catalogue episodes; missing per `rule` ("preferred" reads
   * episodes_missing_preferred, which triggers keep for the series' own and the stored global languages).
   */
  listSummaries(rule: MissingRule, onlyId?: number): SeriesSummary[] {
    const rows = onlyId === undefined ? this.summaries.all() : this.summaryOf.all(onlyId);
    return rows.map((r) => summaryOf(r, rule.mode === "any" ? r.missing : r.missing_preferred));
  }
}

/** The API object of a row whose missing count (per the rule) is `missing`. */
function summaryOf(r: SummaryRow, missing: number): SeriesSummary {
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
  loading_status: string;
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

const jsonStrings = (text: string | null): string[] | null => {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : null;
  } catch {
    return null;
  }
};

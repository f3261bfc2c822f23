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
  private readonly version: Statement<{ changes: number; dataVersion: number }, []>;
  private cached: { key: string; rows: SeriesSummary[] } | null = null;
  /**
   * The last built summary of every series, by id: a rebuild hands back the same object for a row that did
   * not change. Under load every loader commit invalidates the cache but touches a few series, so a rebuild
   * allocates a few objects instead of 10,000 (the garbage that made the process grow by ~100 MB).
   */
  private readonly reuse = new Map<number, SeriesSummary>();
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
    this.version = db.$client.prepare(
      "SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS dataVersion",
    );
    this.summaries = db.$client.prepare(`${SUMMARY_SQL} ORDER BY s.title COLLATE NOCASE, s.id`);
    this.summaryOf = db.$client.prepare(`${SUMMARY_SQL} WHERE s.id = ?`);
  }

  listMonitored(): SeriesRow[] {
    return this.db.select().from(series).where(eq(series.monitored, true)).all();
  }

  findById(id: number): SeriesRow | undefined {
    return this.byId.get({ v: id });
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

  /** id, folder and key of every series (cheap; for scans). */
  listFolders(): { id: number; folder: string; catalogKey: string }[] {
    return this.db
      .select({ id: series.id, folder: series.folder, catalogKey: series.catalogKey })
      .from(series)
      .all();
  }

  /**
   * listSummaries(rule) for the whole library, reused while the database is unchanged: the key is the rule,
   * this connection's total_changes() (every row written here, triggers and rolled-back work included) and
   * PRAGMA data_version (which moves whenever another connection, such as a worker's, commits). So the
   * answer is always what listSummaries would return now; it just skips reading 10,000 rows again when
   * nothing was written since. The returned array is shared: callers must not modify it (typed mutable so
   * the API type of series.list stays what it was).
   */
  listSummariesCached(rule: MissingRule): SeriesSummary[] {
    const version = this.version.get();
    const key = `${version?.changes}:${version?.dataVersion}:${rule.mode}:${JSON.stringify(rule.defaultLanguages)}`;
    if (this.cached?.key !== key)
      this.cached = { key, rows: this.listSummaries(rule, undefined, this.reuse) };
    return this.cached.rows;
  }

  /**
   * Every series (or one) with its counts, ordered by title. The counts come from series_counters (kept
   * exact by episodes-repository.ts), not from an aggregate over the episodes: one row per series. On
   * disk = episodes with a file; total = catalogue episodes; missing per `rule` ("preferred" sums the
   * missing-by-languages histogram over the keys that share a language with the series' preference).
   */
  listSummaries(rule: MissingRule, onlyId?: number, reuse?: Map<number, SeriesSummary>): SeriesSummary[] {
    const rows = onlyId === undefined ? this.summaries.all() : this.summaryOf.all(onlyId);
    const preferredMissing =
      rule.mode === "preferred" ? preferredMissingCounter(rule.defaultLanguages) : null;
    const missingOf = (r: SummaryRow) =>
      preferredMissing ? preferredMissing(r.missing_by_languages, r.languages) : r.missing;
    if (!reuse) return rows.map((r) => summaryOf(r, missingOf(r)));
    const out = new Array<SeriesSummary>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as SummaryRow;
      const missing = missingOf(r);
      const previous = reuse.get(r.id);
      if (previous && sameSummary(previous, r, missing)) out[i] = previous;
      else {
        const fresh = summaryOf(r, missing);
        reuse.set(r.id, fresh);
        out[i] = fresh;
      }
    }
    // Deleted series leave entries behind: start over when the map outgrows the library.
    if (reuse.size > rows.length) {
      reuse.clear();
      for (const summary of out) reuse.set(summary.id, summary);
    }
    return out;
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

/** Whether `s` is exactly what summaryOf(r) would build now (every field the API shows). */
function sameSummary(s: SeriesSummary, r: SummaryRow, missing: number): boolean {
  return (
    s.catalogKey === r.catalog_key &&
    s.title === r.title &&
    s.folder === r.folder &&
    s.year === r.year &&
    s.coverUrl === r.cover_url &&
    s.monitored === (r.monitored === 1) &&
    s.loadingStatus === r.loading_status &&
    s.episodesLoaded === (r.episodes_loaded === 1) &&
    s.nfoLoaded === (r.nfo_loaded === 1) &&
    s.logoLoaded === (r.logo_loaded === 1) &&
    s.imagesLoaded === (r.images_loaded === 1) &&
    s.loadingError === r.loading_error &&
    s.episodesOnDisk === r.on_disk &&
    s.episodesMissing === missing &&
    s.episodesTotal === r.total
  );
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
  missing_by_languages: string | null;
}

const SUMMARY_SQL = `
  SELECT s.id, s.catalog_key, s.title, s.folder, s.year, s.cover_url, s.monitored, s.loading_status,
         s.episodes_loaded, s.nfo_loaded, s.logo_loaded, s.images_loaded, s.loading_error, s.languages,
         coalesce(c.episodes_total, 0) AS total, coalesce(c.episodes_on_disk, 0) AS on_disk,
         coalesce(c.episodes_missing, 0) AS missing, c.missing_by_languages
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

/**
 * "Preferred" missing count of one series from its histogram (episode languages JSON → missing count) and
 * its own preference (JSON or null = the default). Histogram keys and preferences repeat across a library,
 * so both parses and each key × preference answer are cached for the call.
 */
function preferredMissingCounter(defaults: readonly string[]) {
  const fallback = JSON.stringify(defaults);
  const keyLanguages = new Map<string, string[]>();
  const matches = new Map<string, boolean>();
  const preferences = new Map<string, Set<string>>();
  return (histogram: string | null, own: string | null): number => {
    if (histogram === null || histogram === "{}") return 0;
    const prefText = own === null || own === "null" ? fallback : own;
    let preference = preferences.get(prefText);
    if (!preference) {
      preference = new Set(jsonStrings(prefText) ?? []);
      preferences.set(prefText, preference);
    }
    let missing = 0;
    for (const [key, count] of Object.entries(JSON.parse(histogram) as Record<string, number>)) {
      const memo = `${prefText}\n${key}`;
      let match = matches.get(memo);
      if (match === undefined) {
        let languages = keyLanguages.get(key);
        if (!languages) {
          languages = jsonStrings(key) ?? [];
          keyLanguages.set(key, languages);
        }
        const p = preference;
        match = languages.some((l) => p.has(l));
        matches.set(memo, match);
      }
      if (match) missing += count;
    }
    return missing;
  };
}

import { eq, sql } from "drizzle-orm";
import type { CatalogSeriesDetails } from "../../shared/catalog.ts";
import type { LoadingStatus } from "../../shared/series-loading.ts";
import type { Db } from "../connection.ts";
import { compileRowMapper } from "../row-mapper.ts";
import { type NewSeriesRow, type SeriesRow, series } from "../schema/index.ts";

const toSeriesRow = compileRowMapper(series);

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

function prepareStatements(db: Db) {
  const byId = db
    .select()
    .from(series)
    .where(eq(series.id, sql.placeholder("v")))
    .prepare();
  const byFolder = db
    .select()
    .from(series)
    .where(eq(series.folder, sql.placeholder("v")))
    .prepare();
  const refByFolder = db.$client.prepare<RawRef, [string]>(
    `SELECT ${REF_COLUMNS} FROM series WHERE folder = ?`,
  );
  const refByKey = db.$client.prepare<RawRef, [string]>(
    `SELECT ${REF_COLUMNS} FROM series WHERE catalog_key = ?`,
  );
  const insertRef = db.$client.prepare<RawRef, [string, string, string, number | null, number, number]>(
    `INSERT INTO series (catalog_key, title, folder, year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     RETURNING ${REF_COLUMNS}`,
  );
  // series.add is the hot path (p99 ≤ 5 ms under load): raw statements, rows mapped by a compiled mapper.
  const rawByKey = db.$client.prepare<Record<string, unknown>, [string]>(
    "SELECT * FROM series WHERE catalog_key = ?",
  );
  const insertPending = db.$client.prepare<
    Record<string, unknown>,
    [string, string, string, number, number, string | null]
  >(
    `INSERT INTO series (catalog_key, title, folder, loading_status, created_at, updated_at, monitored, languages)
     VALUES (?1, ?2, ?3, 'pending', ?4, ?4, ?5, ?6) RETURNING *`,
  );
  // Loading writes happen several times per series and step: prepared once (drizzle builds SQL per call).
  // In set(), drizzle takes placeholders only wrapped as SQL.
  const p = (name: string) => sql`${sql.placeholder(name)}`;
  const loadingStarted = db
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
  const loadingSettled = db
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
  // A metadata step's files are written: its flag, and for the NFO the ids it found (kept when none).
  const metadataLoaded = (column: string) =>
    db.$client.prepare<Record<string, unknown>, [number, number, number | null, string | null]>(
      `UPDATE series SET ${column} = 1, tmdb_id = coalesce(?3, tmdb_id), imdb_id = coalesce(nullif(?4, ''), imdb_id),
         updated_at = ?1 WHERE id = ?2 RETURNING *`,
    );
  const metadataStep = {
    nfo: metadataLoaded("nfo_loaded"),
    images: metadataLoaded("images_loaded"),
  };
  // The logo step also says whether there was a logo to write.
  const logoLoaded = db.$client.prepare<Record<string, unknown>, [number, number, number]>(
    "UPDATE series SET logo_loaded = 1, logo_unavailable = ?3, updated_at = ?1 WHERE id = ?2 RETURNING *",
  );
  // The episodes step's catalogue facts; an empty title or IMDb id keeps the stored one.
  const episodesLoaded = db.$client.prepare<
    Record<string, unknown>,
    [number, number, string, number | null, number | null, string, string | null, string, string | null]
  >(
    `UPDATE series SET episodes_loaded = 1, title = coalesce(nullif(?3, ''), title), year = ?4, end_year = ?5,
       description = ?6, cover_url = ?7, genres = ?8, imdb_id = coalesce(nullif(?9, ''), imdb_id), updated_at = ?1
     WHERE id = ?2 RETURNING *`,
  );
  return {
    byId,
    byFolder,
    refByFolder,
    refByKey,
    insertRef,
    rawByKey,
    insertPending,
    loadingStarted,
    loadingSettled,
    metadataStep,
    logoLoaded,
    episodesLoaded,
  };
}
type SeriesStatements = ReturnType<typeof prepareStatements>;
const STATEMENTS = new WeakMap<Db, SeriesStatements>();

/** What the episodes step stores about the series itself. */
type CatalogSeriesFacts = Pick<
  CatalogSeriesDetails,
  "title" | "startYear" | "endYear" | "description" | "coverUrl" | "genres" | "imdbId"
>;

/**
 * The only writer of the series table (tests/db/table-writers.test.ts keeps it so): series.add's insert,
 * rows a scan finds, settings (monitored, languages), loading status and metadata, removal. Also the
 * lookups by id, catalogue key and folder (the counted summaries are SeriesListQueries').
 */
export class SeriesRepository {
  constructor(private readonly db: Db) {}

  /**
   * The prepared statements, shared by every repository on this connection and prepared at first use:
   * several services hold a SeriesRepository, and preparing them all at construction cost the start
   * ~10 ms before the server could listen.
   */
  private get st(): SeriesStatements {
    let statements = STATEMENTS.get(this.db);
    if (!statements) {
      statements = prepareStatements(this.db);
      STATEMENTS.set(this.db, statements);
    }
    return statements;
  }

  listMonitored(): SeriesRow[] {
    return this.db.select().from(series).where(eq(series.monitored, true)).all();
  }

  findById(id: number): SeriesRow | undefined {
    return this.st.byId.get({ v: id });
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
    const raw = this.st.rawByKey.get(catalogKey);
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
    const raw = this.st.insertPending.get(
      catalogKey,
      title,
      folder,
      now,
      choices.monitored ? 1 : 0,
      languages,
    );
    if (!raw) throw new Error("series insert returned no row");
    return toSeriesRow(raw);
  }

  /** Deletes the series (its episodes, counters and downloads cascade); the deleted row, if there was one. */
  delete(id: number): SeriesRow | undefined {
    return this.db.delete(series).where(eq(series.id, id)).returning().get();
  }

  /** A loading step began: `status` is the step's; the start time is kept from the first step. */
  markLoadingStarted(id: number, status: LoadingStatus, now = Date.now()): SeriesRow | undefined {
    return this.st.loadingStarted.get({ id, status, now });
  }

  /** The episodes step is done: its flag and the catalogue's facts about the series (prepared, per series). */
  markEpisodesLoaded(id: number, d: CatalogSeriesFacts, now = Date.now()): SeriesRow | undefined {
    const raw = this.st.episodesLoaded.get(
      now,
      id,
      d.title.trim(),
      d.startYear,
      d.endYear,
      d.description,
      d.coverUrl,
      JSON.stringify(d.genres),
      d.imdbId,
    );
    return raw ? toSeriesRow(raw) : undefined;
  }

  /**
   * A metadata step (nfo, images) is done: sets its flag and, from the NFO step, the ids it found (null
   * keeps the stored one). Prepared: the loader persists this for every series and step.
   */
  markMetadataLoaded(
    id: number,
    step: "nfo" | "images",
    ids: { tmdbId: number | null; imdbId: string | null } = { tmdbId: null, imdbId: null },
    now = Date.now(),
  ): SeriesRow | undefined {
    const raw = this.st.metadataStep[step].get(now, id, ids.tmdbId, ids.imdbId);
    return raw ? toSeriesRow(raw) : undefined;
  }

  /** The logo step is done; `unavailable` when there was no logo to write (no logo.png is expected). */
  markLogoLoaded(id: number, unavailable: boolean, now = Date.now()): SeriesRow | undefined {
    const raw = this.st.logoLoaded.get(now, id, unavailable ? 1 : 0);
    return raw ? toSeriesRow(raw) : undefined;
  }

  /** Loading ended (`completed`/`failed`) or went back to `pending`. */
  settleLoading(
    id: number,
    status: LoadingStatus,
    error: string | null,
    completedAt: number | null,
    now = Date.now(),
  ): SeriesRow | undefined {
    return this.st.loadingSettled.get({ id, status, error, completedAt, now });
  }

  findByFolder(folder: string): SeriesRow | undefined {
    return this.st.byFolder.get({ v: folder });
  }

  findRefByFolder(folder: string): SeriesRef | undefined {
    return refOf(this.st.refByFolder.get(folder));
  }

  findRefByCatalogKey(catalogKey: string): SeriesRef | undefined {
    return refOf(this.st.refByKey.get(catalogKey));
  }

  /** Inserts a series known only from a folder's identity (every other column at its default). */
  insertFromFolder(row: {
    catalogKey: string;
    title: string;
    folder: string;
    year: number | null;
  }): SeriesRef {
    const now = Date.now();
    const raw = this.st.insertRef.get(row.catalogKey, row.title, row.folder, row.year, now, now);
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
}

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
 * A series known to have been on disk: with episode files, or with files the loader wrote (NFO, logo,
 * images). A series row alone (a folder never seen) proves nothing about the library folder; these do
 * (see server/library/library-availability.ts).
 */
const KNOWN_ON_DISK = `FROM series s LEFT JOIN series_counters c ON c.series_id = s.id
  WHERE (c.episodes_on_disk > 0 OR s.nfo_loaded = 1 OR s.logo_loaded = 1 OR s.images_loaded = 1)`;

/** The folders of the series known to have been on disk (KNOWN_ON_DISK). */
export function foldersKnownOnDisk(db: Db): string[] {
  return db.$client
    .query<{ folder: string }, []>(`SELECT s.folder ${KNOWN_ON_DISK}`)
    .all()
    .map((r) => r.folder);
}

/** Whether series `seriesId` is known to have been on disk (KNOWN_ON_DISK). */
export function wasOnDisk(db: Db, seriesId: number): boolean {
  return (
    db.$client.query<{ id: number }, [number]>(`SELECT s.id ${KNOWN_ON_DISK} AND s.id = ?`).get(seriesId) !==
    null
  );
}

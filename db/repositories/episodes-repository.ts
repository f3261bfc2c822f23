import type { Statement } from "bun:sqlite";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { MissingEpisode } from "../../shared/series-details.ts";
import type { Db } from "../connection.ts";
import { type EpisodeRow, episodes } from "../schema/index.ts";
import { countEpisodes, SeriesCountersWriter } from "./series-counters.ts";
import { type MissingRule, missingCondition } from "./series-summaries.ts";

/** One episode's file as a scan found it. */
export interface EpisodeFile {
  season: number;
  number: number;
  /** Relative to the library root. */
  filePath: string;
  fileSize: number;
  fileLanguage: string | null;
}

/** The catalogue's facts about one episode. */
export interface CatalogEpisodeFields {
  season: number;
  number: number;
  titleDe: string | null;
  titleEn: string | null;
  languages: string[];
  airDate?: string | null;
}

export interface FileSyncResult {
  /** Files attached to a catalogue episode or a new disk-only episode. */
  attached: number;
  /** Episodes created because the catalogue does not list them (in_catalog = false). */
  created: number;
  /** Episodes whose file is gone (file_path cleared, or the disk-only row removed). */
  cleared: number;
}

/** The columns syncFiles needs, read raw (no JSON decoding): a scan reads them for every series folder. */
interface SyncRow {
  id: number;
  season: number;
  number: number;
  inCatalog: number;
  filePath: string | null;
  fileSize: number | null;
  fileLanguage: string | null;
  languages: string;
}

/** Rows per multi-row INSERT: one statement per 50 files is ~40% cheaper than one per file (measured). */
const INSERT_CHUNK = 50;

/**
 * Episode rows: per-series lists, file bookkeeping from scans, and the missing list.
 *
 * The only writer of the episodes table: the loader and the monitor store the catalogue's list
 * (storeCatalogEpisodes), scans record files (syncFiles, clearFiles), downloads attach theirs (markOnDisk).
 * tests/db/table-writers.test.ts keeps it so.
 *
 * Counters: series_counters (total / on disk / missing / missing by languages; db/schema/library-state.ts)
 * must always equal a recount of the series' episodes, because series.list reads only them. Every method
 * here updates them in the same transaction: syncFiles from the rows it already holds, the others by a
 * recount of the series. Deleting a series deletes its counters (FK).
 */
export class EpisodesRepository {
  // Prepared once: scans run these per series folder, and building the query each time costs more than running it.
  private readonly bySeries;
  private readonly syncRows: Statement<SyncRow, [number]>;
  private readonly updateFile: Statement<unknown, [string, number, string | null, number, number]>;
  private readonly deleteIds: Statement<unknown, [string]>;
  private readonly clearIds: Statement<unknown, [number, string]>;
  private readonly inserts = new Map<number, Statement<unknown, (string | number | null)[]>>();
  private readonly keysOf: Statement<{ season: number; number: number }, [number]>;
  private readonly unmark: Statement<unknown, [number]>;
  private readonly upsertListed: Statement<
    { id: number },
    [number, number, number, string | null, string | null, string, string | null, number]
  >;
  private readonly attachFile: Statement<
    { seriesId: number },
    [string, number, string | null, number, number]
  >;
  private readonly airDate: Statement<unknown, [string, number, number, number, number]>;
  private readonly seasons: Statement<{ season: number }, [number]>;
  private readonly counters: SeriesCountersWriter;
  private readonly inTransaction: (work: () => unknown) => unknown;

  constructor(private readonly db: Db) {
    const sqlite = db.$client;
    this.bySeries = db
      .select()
      .from(episodes)
      .where(eq(episodes.seriesId, sql.placeholder("seriesId")))
      .orderBy(asc(episodes.season), asc(episodes.number))
      .prepare();
    this.syncRows = sqlite.prepare(
      `SELECT id, season, number, in_catalog AS inCatalog, file_path AS filePath, file_size AS fileSize,
              file_language AS fileLanguage, languages
       FROM episodes WHERE series_id = ?`,
    );
    this.updateFile = sqlite.prepare(
      "UPDATE episodes SET file_path = ?, file_size = ?, file_language = ?, updated_at = ? WHERE id = ?",
    );
    this.deleteIds = sqlite.prepare("DELETE FROM episodes WHERE id IN (SELECT value FROM json_each(?))");
    this.clearIds = sqlite.prepare(
      `UPDATE episodes SET file_path = NULL, file_size = NULL, file_language = NULL, updated_at = ?
       WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.keysOf = sqlite.prepare("SELECT season, number FROM episodes WHERE series_id = ?");
    this.unmark = sqlite.prepare("UPDATE episodes SET in_catalog = 0 WHERE series_id = ?");
    this.upsertListed = sqlite.prepare(
      `INSERT INTO episodes (series_id, season, number, title_de, title_en, languages, air_date, in_catalog, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)
       ON CONFLICT (series_id, season, number) DO UPDATE SET
         title_de = excluded.title_de, title_en = excluded.title_en, languages = excluded.languages,
         air_date = coalesce(excluded.air_date, air_date), in_catalog = 1, updated_at = excluded.updated_at
       RETURNING id`,
    );
    this.attachFile = sqlite.prepare(
      `UPDATE episodes SET file_path = ?, file_size = ?, file_language = ?, updated_at = ? WHERE id = ?
       RETURNING series_id AS seriesId`,
    );
    this.airDate = sqlite.prepare(
      `UPDATE episodes SET air_date = ?1, updated_at = ?2
       WHERE series_id = ?3 AND season = ?4 AND number = ?5 AND air_date IS NOT ?1`,
    );
    this.seasons = sqlite.prepare("SELECT DISTINCT season FROM episodes WHERE series_id = ? ORDER BY season");
    this.counters = new SeriesCountersWriter(sqlite);
    // bun:sqlite's transaction nests as a savepoint inside the caller's (a loading step, a scan batch).
    this.inTransaction = sqlite.transaction((work: () => unknown) => work());
  }

  listBySeries(seriesId: number): EpisodeRow[] {
    return this.bySeries.all({ seriesId });
  }

  /** The seasons the series has episodes of, in order. */
  seasonsOf(seriesId: number): number[] {
    return this.seasons.all(seriesId).map((r) => r.season);
  }

  private inTransactionOf<T>(work: () => T): T {
    return this.inTransaction(work) as T;
  }

  private insertStatement(rowCount: number): Statement<unknown, (string | number | null)[]> {
    const cached = this.inserts.get(rowCount);
    if (cached) return cached;
    const rows = Array.from({ length: rowCount }, () => "(?, ?, ?, 0, ?, ?, ?, ?)").join(", ");
    const statement = this.db.$client.prepare<unknown, (string | number | null)[]>(
      `INSERT INTO episodes (series_id, season, number, in_catalog, file_path, file_size, file_language, updated_at) VALUES ${rows}`,
    );
    this.inserts.set(rowCount, statement);
    return statement;
  }

  /** Inserts disk-only episodes (in_catalog = false), up to INSERT_CHUNK rows per statement. */
  private insertFiles(seriesId: number, files: readonly EpisodeFile[], now: number): void {
    for (let i = 0; i < files.length; i += INSERT_CHUNK) {
      const chunk = files.slice(i, i + INSERT_CHUNK);
      const statement = this.insertStatement(chunk.length);
      const args: (string | number | null)[] = [];
      for (const f of chunk)
        args.push(seriesId, f.season, f.number, f.filePath, f.fileSize, f.fileLanguage, now);
      statement.run(...args);
    }
  }

  /**
   * Records the files a scan found for one series. Episodes the catalogue does not list are created with
   * in_catalog = false. With `complete`, episodes whose file was not found lose it (disk-only rows are
   * deleted); without it (part of the folder was unreadable) nothing is cleared. Keeps the series'
   * counters exact. Call inside a transaction when syncing many series.
   */
  syncFiles(seriesId: number, files: readonly EpisodeFile[], complete: boolean): FileSyncResult {
    const now = Date.now();
    const result: FileSyncResult = { attached: 0, created: 0, cleared: 0 };
    const rows = this.syncRows.all(seriesId);
    if (rows.length === 0) {
      // A series without episode rows (every folder on a first scan): each file is a new disk-only row.
      this.insertFiles(seriesId, files, now);
      result.created = files.length;
      if (files.length > 0) this.counters.write(seriesId, { ...countEpisodes([]), onDisk: files.length });
      return result;
    }
    const existing = new Map<string, SyncRow>();
    for (const row of rows) existing.set(`${row.season}:${row.number}`, row);
    const seen = new Set<string>();
    const created: EpisodeFile[] = [];
    for (const f of files) {
      const key = `${f.season}:${f.number}`;
      seen.add(key);
      const row = existing.get(key);
      if (!row) {
        created.push(f);
        continue;
      }
      if (row.filePath === f.filePath && row.fileSize === f.fileSize && row.fileLanguage === f.fileLanguage)
        continue;
      this.updateFile.run(f.filePath, f.fileSize, f.fileLanguage, now, row.id);
      row.filePath = f.filePath;
      result.attached++;
    }
    this.insertFiles(seriesId, created, now);
    result.created = created.length;
    let kept: SyncRow[] = rows;
    if (complete) {
      const gone = rows.filter((r) => r.filePath !== null && !seen.has(`${r.season}:${r.number}`));
      const diskOnly = gone.filter((r) => !r.inCatalog);
      const listed = gone.filter((r) => r.inCatalog);
      if (diskOnly.length) this.deleteIds.run(JSON.stringify(diskOnly.map((r) => r.id)));
      if (listed.length) this.clearIds.run(now, JSON.stringify(listed.map((r) => r.id)));
      for (const r of listed) r.filePath = null;
      if (diskOnly.length) kept = rows.filter((r) => !diskOnly.includes(r));
      result.cleared = gone.length;
    }
    if (rows.length > 0 || created.length > 0) {
      const counts = countEpisodes(kept);
      counts.onDisk += created.length; // new rows: disk-only, so neither listed nor missing
      this.counters.write(seriesId, counts);
    }
    return result;
  }

  /** Rebuilds the series' counters from its episode rows (for code that wrote episodes some other way). */
  recountSeries(seriesId: number): void {
    this.counters.recount(seriesId);
  }

  /**
   * The one way the catalogue's episode list reaches the table (loader and monitor). `list` is the series'
   * whole list: listed episodes are inserted or refreshed and marked in_catalog (a disk-only row a scan
   * found keeps its file); rows the list no longer names keep their files but leave the catalogue. The
   * counters are recounted in the same transaction. Returns the ids of the rows that are new.
   */
  storeCatalogEpisodes(seriesId: number, list: readonly CatalogEpisodeFields[], now = Date.now()): number[] {
    return this.inTransactionOf(() => {
      const known = new Set(this.keysOf.all(seriesId).map((r) => `${r.season}:${r.number}`));
      this.unmark.run(seriesId);
      const added: number[] = [];
      for (const e of list) {
        const row = this.upsertListed.get(
          seriesId,
          e.season,
          e.number,
          e.titleDe,
          e.titleEn,
          JSON.stringify(e.languages),
          e.airDate ?? null,
          now,
        );
        if (row && !known.has(`${e.season}:${e.number}`)) added.push(row.id);
      }
      this.counters.recount(seriesId);
      return added;
    });
  }

  /** A downloaded file: attaches it to its episode and keeps the counters exact. */
  markOnDisk(episodeId: number, file: { path: string; size: number; language: string | null }): void {
    this.inTransactionOf(() => {
      const row = this.attachFile.get(file.path, file.size, file.language, Date.now(), episodeId);
      if (row) this.counters.recount(row.seriesId);
    });
  }

  /**
   * Stores air dates (from TMDB) of known episodes; episodes not listed keep theirs. Returns rows changed.
   * Runs on the main thread after every completed load: one prepared statement, not a query built per row.
   */
  setAirDates(
    seriesId: number,
    dates: readonly { season: number; number: number; airDate: string }[],
  ): number {
    const now = Date.now();
    return this.inTransactionOf(() => {
      let changed = 0;
      for (const d of dates)
        changed += this.airDate.run(d.airDate, now, seriesId, d.season, d.number).changes;
      return changed;
    });
  }

  /** Monitors or unmonitors episodes of one series; returns the ids changed. */
  setMonitored(seriesId: number, episodeIds: readonly number[], monitored: boolean): number[] {
    if (!episodeIds.length) return [];
    return this.db
      .update(episodes)
      .set({ monitored, updatedAt: Date.now() })
      .where(and(eq(episodes.seriesId, seriesId), inArray(episodes.id, [...episodeIds])))
      .returning({ id: episodes.id })
      .all()
      .map((r) => r.id);
  }

  /** Records that an episode's file moved (organize); the path is relative to the library root. */
  moveFile(episodeId: number, filePath: string): void {
    this.db.update(episodes).set({ filePath, updatedAt: Date.now() }).where(eq(episodes.id, episodeId)).run();
  }

  /** Clears every file of a series (its folder is gone). */
  clearFiles(seriesId: number): number {
    return this.syncFiles(seriesId, [], true).cleared;
  }

  countWithFiles(seriesId: number): number {
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(episodes)
      .where(and(eq(episodes.seriesId, seriesId), isNotNull(episodes.filePath)))
      .get();
    return row?.n ?? 0;
  }

  /** Missing episodes (see missingCondition), library-wide or for one series, in title/season/number order. */
  listMissing(rule: MissingRule, seriesId?: number): MissingEpisode[] {
    const only = seriesId === undefined ? sql`` : sql`AND e.series_id = ${seriesId}`;
    const rows = this.db.all<Record<string, unknown>>(sql`
      SELECT e.id, e.series_id, s.title AS series_title, e.season, e.number, e.title_de, e.title_en, e.languages
      FROM episodes e JOIN series s ON s.id = e.series_id
      WHERE ${missingCondition(rule)} ${only}
      ORDER BY s.title COLLATE NOCASE, e.series_id, e.season, e.number`);
    return rows.map((r) => ({
      id: Number(r.id),
      seriesId: Number(r.series_id),
      seriesTitle: String(r.series_title),
      season: Number(r.season),
      number: Number(r.number),
      titleDe: r.title_de === null ? null : String(r.title_de),
      titleEn: r.title_en === null ? null : String(r.title_en),
      languages: parseLanguages(r.languages),
    }));
  }
}

function parseLanguages(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../connection.ts";
import { type EpisodeRow, episodes } from "../schema/index.ts";
import { type MissingRule, missingCondition } from "./series-repository.ts";

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

export interface FileSyncResult {
  /** Files attached to a catalogue episode or a new disk-only episode. */
  attached: number;
  /** Episodes created because the catalogue does not list them (in_catalog = false). */
  created: number;
  /** Episodes whose file is gone (file_path cleared, or the disk-only row removed). */
  cleared: number;
}

/** Episode rows: per-series lists, file bookkeeping from scans, and the missing list. */
export class EpisodesRepository {
  // Prepared once: scans run these per series folder, and building the query each time costs more than running it.
  private readonly bySeries;
  private readonly insertFile;
  private readonly updateFile;

  constructor(private readonly db: Db) {
    this.bySeries = db
      .select()
      .from(episodes)
      .where(eq(episodes.seriesId, sql.placeholder("seriesId")))
      .orderBy(asc(episodes.season), asc(episodes.number))
      .prepare();
    this.insertFile = db
      .insert(episodes)
      .values({
        seriesId: sql.placeholder("seriesId"),
        season: sql.placeholder("season"),
        number: sql.placeholder("number"),
        inCatalog: false,
        filePath: sql.placeholder("filePath"),
        fileSize: sql.placeholder("fileSize"),
        fileLanguage: sql.placeholder("fileLanguage"),
        updatedAt: sql.placeholder("updatedAt"),
      })
      .prepare();
    this.updateFile = db
      .update(episodes)
      .set({
        filePath: sql`${sql.placeholder("filePath")}`,
        fileSize: sql`${sql.placeholder("fileSize")}`,
        fileLanguage: sql`${sql.placeholder("fileLanguage")}`,
        updatedAt: sql`${sql.placeholder("updatedAt")}`,
      })
      .where(eq(episodes.id, sql.placeholder("id")))
      .prepare();
  }

  listBySeries(seriesId: number): EpisodeRow[] {
    return this.bySeries.all({ seriesId });
  }

  /**
   * Records the files a scan found for one series. Episodes the catalogue does not list are created with
   * in_catalog = false. With `complete`, episodes whose file was not found lose it (disk-only rows are
   * deleted); without it (part of the folder was unreadable) nothing is cleared. Call inside a transaction
   * when syncing many series.
   */
  syncFiles(seriesId: number, files: readonly EpisodeFile[], complete: boolean): FileSyncResult {
    const now = Date.now();
    const result: FileSyncResult = { attached: 0, created: 0, cleared: 0 };
    const existing = new Map<string, EpisodeRow>();
    for (const row of this.listBySeries(seriesId)) existing.set(`${row.season}:${row.number}`, row);
    const seen = new Set<string>();
    for (const f of files) {
      const key = `${f.season}:${f.number}`;
      seen.add(key);
      const row = existing.get(key);
      if (!row) {
        this.insertFile.run({ seriesId, ...f, updatedAt: now });
        result.created++;
        continue;
      }
      if (row.filePath === f.filePath && row.fileSize === f.fileSize && row.fileLanguage === f.fileLanguage)
        continue;
      this.updateFile.run({ id: row.id, ...f, updatedAt: now });
      result.attached++;
    }
    if (!complete) return result;
    const gone = [...existing.values()].filter(
      (r) => r.filePath !== null && !seen.has(`${r.season}:${r.number}`),
    );
    const diskOnly = gone.filter((r) => !r.inCatalog).map((r) => r.id);
    const listed = gone.filter((r) => r.inCatalog).map((r) => r.id);
    if (diskOnly.length) this.db.delete(episodes).where(inArray(episodes.id, diskOnly)).run();
    if (listed.length)
      this.db
        .update(episodes)
        .set({ filePath: null, fileSize: null, fileLanguage: null, updatedAt: now })
        .where(inArray(episodes.id, listed))
        .run();
    result.cleared = gone.length;
    return result;
  }

  /**
   * Records the catalogue's episode list for a series: inserts new episodes, updates titles/languages of
   * known ones and marks them in_catalog (a disk-only row found by a scan keeps its file). Returns the count.
   */
  upsertCatalogEpisodes(seriesId: number, list: readonly CatalogEpisodeFields[]): number {
    const now = Date.now();
    for (const e of list)
      this.db
        .insert(episodes)
        .values({ seriesId, ...e, inCatalog: true, updatedAt: now })
        .onConflictDoUpdate({
          target: [episodes.seriesId, episodes.season, episodes.number],
          set: {
            titleDe: e.titleDe,
            titleEn: e.titleEn,
            languages: e.languages,
            airDate: e.airDate ?? null,
            inCatalog: true,
            updatedAt: now,
          },
        })
        .run();
    return list.length;
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

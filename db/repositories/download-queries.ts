import { and, asc, eq, inArray, isNotNull, isNull, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { AttemptRecord } from "../../shared/downloads.ts";
import type { Db } from "../connection.ts";
import {
  type DownloadRow,
  downloads,
  type EpisodeRow,
  episodes,
  type SeriesRow,
  series,
} from "../schema/index.ts";

export interface DownloadWithEpisode {
  download: DownloadRow;
  episode: EpisodeRow;
  series: SeriesRow;
}

/** `column` names `folder` (relative to the library root) itself or a path below it. */
export const atOrBelow = (column: SQLiteColumn, folder: string): SQL | undefined =>
  or(eq(column, folder), sql`substr(${column}, 1, length(${folder}) + 1) = ${folder} || '/'`);

/**
 * What the queue reads: the downloads with their episode and series, where unfinished downloads write, the
 * hoster attempts, and the episode lookups of enqueueing. Writes are download-repository.ts's.
 */
export class DownloadQueries {
  constructor(protected readonly db: Db) {}

  /** Downloads with their episode and series. */
  protected withEpisode() {
    return this.db
      .select({ download: downloads, episode: episodes, series })
      .from(downloads)
      .innerJoin(episodes, eq(downloads.episodeId, episodes.id))
      .innerJoin(series, eq(episodes.seriesId, series.id));
  }

  get(id: number): DownloadWithEpisode | null {
    return this.withEpisode().where(eq(downloads.id, id)).get() ?? null;
  }

  /** Waiting and running items by position, then finished ones, newest first. */
  list(): DownloadWithEpisode[] {
    return this.withEpisode()
      .orderBy(
        sql`case when ${downloads.state} in ('completed','failed','cancelled') then 1 else 0 end`,
        asc(downloads.position),
        sql`${downloads.finishedAt} desc`,
        asc(downloads.id),
      )
      .all();
  }

  /** Next queued items by position, skipping ids already running and the downloads of `exceptSeries`. */
  nextQueued(limit: number, running: number[], exceptSeries: number[] = []): DownloadRow[] {
    if (limit <= 0) return [];
    return this.db
      .select()
      .from(downloads)
      .where(
        and(
          eq(downloads.state, "queued"),
          running.length ? notInArray(downloads.id, running) : undefined,
          exceptSeries.length
            ? notInArray(
                downloads.episodeId,
                this.db
                  .select({ id: episodes.id })
                  .from(episodes)
                  .where(inArray(episodes.seriesId, exceptSeries)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(downloads.position), asc(downloads.id))
      .limit(limit)
      .all();
  }

  /** Failed and cancelled rows that chose a file name (the given ones, or all): what they wrote may be left. */
  failedOrCancelledWithName(ids?: number[]): DownloadWithEpisode[] {
    const condition = and(inArray(downloads.state, ["failed", "cancelled"]), isNotNull(downloads.targetPath));
    return this.withEpisode()
      .where(ids ? and(condition, inArray(downloads.id, ids)) : condition)
      .all();
  }

  /** Downloads of the series that are queued or running (paused ones wait for the user, not counted). */
  activeForSeries(seriesId: number): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(downloads)
        .innerJoin(episodes, eq(episodes.id, downloads.episodeId))
        .where(
          and(
            eq(episodes.seriesId, seriesId),
            inArray(downloads.state, ["queued", "resolving", "downloading"]),
          ),
        )
        .get()?.n ?? 0
    );
  }

  /** Downloads whose file name or made folder is `folder` (relative to the library root) or below it. */
  namingFolder(folder: string): DownloadWithEpisode[] {
    return this.withEpisode()
      .where(or(atOrBelow(downloads.targetPath, folder), atOrBelow(downloads.createdFolder, folder)))
      .all();
  }

  /** Paused downloads whose error starts with `reason`. */
  pausedBecause(reason: string): number[] {
    return this.db.$client
      .query<{ id: number }, [string]>(
        "SELECT id FROM downloads WHERE state = 'paused' AND substr(error, 1, length(?1)) = ?1",
      )
      .all(reason)
      .map((r) => r.id);
  }

  /** Every download of a series (read by its removal, before the rows go with it). */
  ofSeries(seriesId: number): DownloadWithEpisode[] {
    return this.withEpisode().where(eq(series.id, seriesId)).all();
  }

  /**
   * Whether a download other than `exceptId` that has not finished writes (or will write, once resumed)
   * below `folder`, relative to the library root.
   */
  writesBelow(folder: string, exceptId: number): boolean {
    const row = this.db.$client
      .query<{ id: number }, [string, number]>(
        `SELECT id FROM downloads
           WHERE substr(target_path, 1, length(?1) + 1) = ?1 || '/' AND id <> ?2
             AND state IN ('queued', 'resolving', 'downloading', 'paused')
         LIMIT 1`,
      )
      .get(folder, exceptId);
    return row !== null;
  }

  /** Whether a download other than `exceptId` that has not finished writes under the name `targetPath`. */
  writesAt(targetPath: string, exceptId: number): boolean {
    const row = this.db.$client
      .query<{ id: number }, [string, number]>(
        `SELECT id FROM downloads
           WHERE target_path = ?1 AND id <> ?2 AND state IN ('queued', 'resolving', 'downloading', 'paused')
         LIMIT 1`,
      )
      .get(targetPath, exceptId);
    return row !== null;
  }

  /**
   * Which other episode already uses `targetPath` (relative to the library root, without extension): a
   * running or paused download writing there, or a file on disk recorded with that name plus an extension.
   * "S01E02" or null.
   */
  pathOwner(episodeId: number, targetPath: string): string | null {
    const row = this.db.$client
      .query<{ season: number; number: number }, [string, number, string, number]>(
        `SELECT e.season, e.number FROM downloads d JOIN episodes e ON e.id = d.episode_id
           WHERE d.target_path = ?1 AND d.episode_id <> ?2 AND d.state IN ('resolving', 'downloading', 'paused')
         UNION ALL
         SELECT season, number FROM episodes
           WHERE id <> ?4 AND substr(file_path, 1, length(?3)) = ?3
             AND instr(substr(file_path, length(?3) + 1), '/') = 0
             AND substr(file_path, length(?3) + 1, 1) = '.'
         LIMIT 1`,
      )
      .get(targetPath, episodeId, targetPath, episodeId);
    if (!row) return null;
    return `S${String(row.season).padStart(2, "0")}E${String(row.number).padStart(2, "0")}`;
  }

  /** The most recent hoster attempts across all downloads, newest first (System → Providers). */
  recentAttempts(limit: number): AttemptRecord[] {
    const rows = this.db.all<{ value: string }>(
      sql`select j.value as value from ${downloads}, json_each(${downloads.attemptLog}) as j
          order by json_extract(j.value, '$.at') desc limit ${limit}`,
    );
    const out: AttemptRecord[] = [];
    for (const row of rows) {
      try {
        out.push(JSON.parse(row.value) as AttemptRecord);
      } catch {
        // A malformed entry is skipped; the rest still tells the story.
      }
    }
    return out;
  }

  /** Episodes of a series (optionally one season), or of the whole library, with no file on disk. */
  missingEpisodes(filter: {
    seriesId?: number;
    season?: number;
  }): { episode: EpisodeRow; series: SeriesRow }[] {
    // Unmonitored episodes are skipped by "download missing" (series, season or library) and the monitor check.
    const conditions = [
      isNull(episodes.filePath),
      eq(episodes.inCatalog, true),
      eq(episodes.monitored, true),
    ];
    if (filter.seriesId !== undefined) conditions.push(eq(episodes.seriesId, filter.seriesId));
    if (filter.season !== undefined) conditions.push(eq(episodes.season, filter.season));
    return this.db
      .select({ episode: episodes, series })
      .from(episodes)
      .innerJoin(series, eq(episodes.seriesId, series.id))
      .where(and(...conditions))
      .orderBy(asc(series.id), asc(episodes.season), asc(episodes.number))
      .all();
  }

  episodesByIds(ids: number[]): { episode: EpisodeRow; series: SeriesRow }[] {
    if (!ids.length) return [];
    return this.db
      .select({ episode: episodes, series })
      .from(episodes)
      .innerJoin(series, eq(episodes.seriesId, series.id))
      .where(inArray(episodes.id, ids))
      .all();
  }

  seriesExists(id: number): boolean {
    return this.db.select({ id: series.id }).from(series).where(eq(series.id, id)).get() !== undefined;
  }
}

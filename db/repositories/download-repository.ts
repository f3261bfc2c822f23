import { and, asc, eq, inArray, isNotNull, isNull, max, sql } from "drizzle-orm";
import {
  ACTIVE_STATES,
  type AttemptRecord,
  type DownloadState,
  FINISHED_STATES,
} from "../../shared/downloads.ts";
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

/** The downloads table plus the episode/series lookups the queue needs. */
export class DownloadRepository {
  constructor(private readonly db: Db) {}

  /** Downloads with their episode and series. */
  private withEpisode() {
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

  /**
   * Inserts queued rows at the end of the queue for episodes without an active download, in one
   * transaction (so two enqueues can never create two active downloads of one episode).
   */
  enqueue(episodeIds: number[], now: number): { created: number[]; alreadyActive: number[] } {
    return this.db.transaction((tx) => {
      const active = new Set(
        tx
          .select({ episodeId: downloads.episodeId })
          .from(downloads)
          .where(and(inArray(downloads.episodeId, episodeIds), inArray(downloads.state, [...ACTIVE_STATES])))
          .all()
          .map((r) => r.episodeId),
      );
      let position =
        (tx
          .select({ p: max(downloads.position) })
          .from(downloads)
          .get()?.p ?? 0) + 1;
      const created: number[] = [];
      const alreadyActive: number[] = [];
      for (const episodeId of episodeIds) {
        if (active.has(episodeId)) {
          alreadyActive.push(episodeId);
          continue;
        }
        active.add(episodeId);
        const row = tx
          .insert(downloads)
          .values({ episodeId, state: "queued", position: position++, createdAt: now, updatedAt: now })
          .returning({ id: downloads.id })
          .get();
        created.push(row.id);
      }
      return { created, alreadyActive };
    });
  }

  /** A failed or cancelled item back to the end of the queue, unless its episode has another active one. */
  requeue(id: number): boolean {
    return this.db.transaction((tx) => {
      const row = tx.select().from(downloads).where(eq(downloads.id, id)).get();
      if (!row) return false;
      const other = tx
        .select({ id: downloads.id })
        .from(downloads)
        .where(and(eq(downloads.episodeId, row.episodeId), inArray(downloads.state, [...ACTIVE_STATES])))
        .get();
      if (other) return false;
      const position =
        (tx
          .select({ p: max(downloads.position) })
          .from(downloads)
          .get()?.p ?? 0) + 1;
      tx.update(downloads)
        .set({ state: "queued", error: null, finishedAt: null, position, updatedAt: Date.now() })
        .where(eq(downloads.id, id))
        .run();
      return true;
    });
  }

  update(id: number, patch: Partial<Omit<DownloadRow, "id" | "episodeId" | "createdAt">>): void {
    this.db
      .update(downloads)
      .set({ ...patch, updatedAt: Date.now() })
      .where(eq(downloads.id, id))
      .run();
  }

  appendAttempt(id: number, attempt: AttemptRecord): void {
    this.db
      .update(downloads)
      .set({
        attemptLog: sql`json_insert(${downloads.attemptLog}, '$[#]', json(${JSON.stringify(attempt)}))`,
        attempts: sql`${downloads.attempts} + 1`,
        updatedAt: Date.now(),
      })
      .where(eq(downloads.id, id))
      .run();
  }

  /** Records a hoster that delivered (not counted as a failed attempt). */
  appendSuccess(id: number, attempt: AttemptRecord): void {
    this.db
      .update(downloads)
      .set({
        attemptLog: sql`json_insert(${downloads.attemptLog}, '$[#]', json(${JSON.stringify(attempt)}))`,
      })
      .where(eq(downloads.id, id))
      .run();
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

  /** Next queued items by position, skipping ids already running. */
  nextQueued(limit: number, running: number[]): DownloadRow[] {
    if (limit <= 0) return [];
    return this.db
      .select()
      .from(downloads)
      .where(
        running.length
          ? and(eq(downloads.state, "queued"), sql`${downloads.id} not in ${running}`)
          : eq(downloads.state, "queued"),
      )
      .orderBy(asc(downloads.position), asc(downloads.id))
      .limit(limit)
      .all();
  }

  /** After a restart: whatever was running goes back to the queue (its .part file is resumed). */
  requeueInterrupted(): number {
    return this.db
      .update(downloads)
      .set({ state: "queued", updatedAt: Date.now() })
      .where(inArray(downloads.state, ["resolving", "downloading"]))
      .returning({ id: downloads.id })
      .all().length;
  }

  setStateWhere(from: DownloadState[], to: DownloadState): number[] {
    return this.db
      .update(downloads)
      .set({ state: to, updatedAt: Date.now() })
      .where(inArray(downloads.state, from))
      .returning({ id: downloads.id })
      .all()
      .map((r) => r.id);
  }

  /** Failed and cancelled rows that chose a file name (the given ones, or all): what they wrote may be left. */
  failedOrCancelledWithName(ids?: number[]): DownloadWithEpisode[] {
    const condition = and(inArray(downloads.state, ["failed", "cancelled"]), isNotNull(downloads.targetPath));
    return this.withEpisode()
      .where(ids ? and(condition, inArray(downloads.id, ids)) : condition)
      .all();
  }

  /** Deletes finished rows: the given ones, or all of them. */
  removeFinished(ids?: number[]): number[] {
    const finished = inArray(downloads.state, [...FINISHED_STATES]);
    return this.db
      .delete(downloads)
      .where(ids ? and(finished, inArray(downloads.id, ids)) : finished)
      .returning({ id: downloads.id })
      .all()
      .map((r) => r.id);
  }

  /**
   * Puts `id` at index `to` among the waiting (queued or paused) items — the list the user reorders;
   * running items are not counted — and renumbers the active items 1..n, running ones first.
   */
  move(id: number, to: number): boolean {
    return this.db.transaction((tx) => {
      const rows = tx
        .select({ id: downloads.id, state: downloads.state })
        .from(downloads)
        .where(inArray(downloads.state, [...ACTIVE_STATES]))
        .orderBy(asc(downloads.position), asc(downloads.id))
        .all();
      const isWaiting = (state: string) => state === "queued" || state === "paused";
      const waiting = rows.filter((r) => isWaiting(r.state)).map((r) => r.id);
      const from = waiting.indexOf(id);
      if (from === -1) return false;
      waiting.splice(from, 1);
      waiting.splice(Math.min(to, waiting.length), 0, id);
      const order = [...rows.filter((r) => !isWaiting(r.state)).map((r) => r.id), ...waiting];
      order.forEach((rowId, i) => {
        tx.update(downloads)
          .set({ position: i + 1 })
          .where(eq(downloads.id, rowId))
          .run();
      });
      return true;
    });
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
   * `folder` (relative to the library root) becomes a folder made by the unfinished downloads other than
   * `fromId` that write below it, unless they made one around it already: the last of them to go removes it.
   */
  handOverFolder(folder: string, fromId: number): void {
    this.db.$client
      .query<never, [string, number]>(
        `UPDATE downloads SET created_folder = ?1
           WHERE substr(target_path, 1, length(?1) + 1) = ?1 || '/' AND id <> ?2
             AND state IN ('queued', 'resolving', 'downloading', 'paused')
             AND (created_folder IS NULL OR substr(created_folder, 1, length(?1) + 1) = ?1 || '/')`,
      )
      .run(folder, fromId);
  }

  seriesExists(id: number): boolean {
    return this.db.select({ id: series.id }).from(series).where(eq(series.id, id)).get() !== undefined;
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
}

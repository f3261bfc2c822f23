import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  ACTIVE_STATES,
  type AttemptRecord,
  type DownloadState,
  FINISHED_STATES,
} from "../../shared/downloads.ts";
import { type DownloadRow, downloads } from "../schema/index.ts";
import { atOrBelow, DownloadQueries } from "./download-queries.ts";

export type { DownloadWithEpisode } from "./download-queries.ts";

/** The one writer of the downloads table, over the reads of DownloadQueries. */
export class DownloadRepository extends DownloadQueries {
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

  /**
   * The folder `from` (relative to the library root) was renamed to `to`: every download that writes, wrote
   * or made that folder or one below it now names the same place under `to`. Its part files moved with the
   * folder, so a retry resumes them and removing the row finds them. Call it in the transaction that records
   * the move.
   */
  followFolderMove(from: string, to: string): void {
    const moved = (column: SQLiteColumn) => sql`${to} || substr(${column}, length(${from}) + 1)`;
    this.db
      .update(downloads)
      .set({ targetPath: moved(downloads.targetPath) })
      .where(atOrBelow(downloads.targetPath, from))
      .run();
    this.db
      .update(downloads)
      .set({ createdFolder: moved(downloads.createdFolder) })
      .where(atOrBelow(downloads.createdFolder, from))
      .run();
  }
}

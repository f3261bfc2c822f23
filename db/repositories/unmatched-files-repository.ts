import type { Statement } from "bun:sqlite";
import type { Db } from "../connection.ts";
import type { UnmatchedFileRow } from "../schema/index.ts";

export type UnmatchedReason = UnmatchedFileRow["reason"];

/** One file the scan could not attach to an episode of its series. */
export interface UnmatchedFile {
  /** Relative to the library root. */
  path: string;
  reason: UnmatchedReason;
  reading: string | null;
}

/**
 * The files of each series folder that match no episode (db/schema/library-state.ts). A complete scan of a
 * folder replaces its list; a partial one only adds, so files in unreadable subfolders are not forgotten.
 */
export class UnmatchedFilesRepository {
  private readonly deleteSeries: Statement<unknown, [number]>;
  private readonly upsert: Statement<unknown, [string, number, string, string | null, number]>;
  private readonly bySeries: Statement<UnmatchedFile, [number]>;

  constructor(db: Db) {
    const sqlite = db.$client;
    this.deleteSeries = sqlite.prepare("DELETE FROM unmatched_files WHERE series_id = ?");
    this.upsert = sqlite.prepare(
      `INSERT INTO unmatched_files (path, series_id, reason, reading, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET series_id = excluded.series_id, reason = excluded.reason,
         reading = excluded.reading, updated_at = excluded.updated_at`,
    );
    this.bySeries = sqlite.prepare(
      "SELECT path, reason, reading FROM unmatched_files WHERE series_id = ? ORDER BY path",
    );
  }

  /** Records what one scan of the series folder found; `complete` replaces the previous list. */
  replace(seriesId: number, files: readonly UnmatchedFile[], complete: boolean): void {
    if (complete) this.deleteSeries.run(seriesId);
    const now = Date.now();
    for (const f of files) this.upsert.run(f.path, seriesId, f.reason, f.reading, now);
  }

  clear(seriesId: number): void {
    this.deleteSeries.run(seriesId);
  }

  listBySeries(seriesId: number): UnmatchedFile[] {
    return this.bySeries.all(seriesId);
  }
}

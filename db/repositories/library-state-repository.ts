import type { Statement } from "bun:sqlite";
import type { Db } from "../connection.ts";

/** One stored row of library_folder_state, JSON left as text (the library code validates it). */
export interface StoredFolderState {
  folder: string;
  mtimes: string;
  outcome: string;
}

/** What the last scan saw per series folder (db/schema/library-state.ts), so restarts keep scans incremental. */
export class LibraryStateRepository {
  private readonly all: Statement<StoredFolderState, []>;
  private readonly upsert: Statement<unknown, [string, string, string, number]>;
  private readonly remove: Statement<unknown, [string]>;

  constructor(db: Db) {
    const sqlite = db.$client;
    this.all = sqlite.prepare("SELECT folder, mtimes, outcome FROM library_folder_state");
    this.upsert = sqlite.prepare(
      `INSERT INTO library_folder_state (folder, mtimes, outcome, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (folder) DO UPDATE SET mtimes = excluded.mtimes, outcome = excluded.outcome,
         updated_at = excluded.updated_at`,
    );
    this.remove = sqlite.prepare("DELETE FROM library_folder_state WHERE folder = ?");
  }

  list(): StoredFolderState[] {
    return this.all.all();
  }

  save(folder: string, mtimes: Record<string, number>, outcome: unknown): void {
    this.upsert.run(folder, JSON.stringify(mtimes), JSON.stringify(outcome), Date.now());
  }

  delete(folder: string): void {
    this.remove.run(folder);
  }
}

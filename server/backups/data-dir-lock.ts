import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const LOCK_FILE_NAME = "aniworld.lock";

export interface DataDirLock {
  release(): void;
}

/**
 * Marks a data dir as in use by holding an exclusive SQLite lock on `<data-dir>/aniworld.lock` for as
 * long as the process runs. The operating system drops the lock when the process ends in any way (even
 * `kill -9`), so a stale lock file never blocks anything, and a pid that was reused proves nothing.
 * Returns null when another process (or another server in this one) holds it.
 */
export function tryLockDataDir(dataDir: string): DataDirLock | null {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, LOCK_FILE_NAME), { create: true });
  try {
    db.run("PRAGMA busy_timeout = 0");
    // Only the lock matters, not what the file holds: no journal file, no fsync on the start path.
    db.run("PRAGMA journal_mode = MEMORY");
    db.run("PRAGMA synchronous = OFF");
    // In exclusive locking mode the first write's lock is kept until the connection closes.
    db.run("PRAGMA locking_mode = EXCLUSIVE");
    db.run("BEGIN EXCLUSIVE");
    db.run("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)");
    db.run("DELETE FROM holder");
    db.run("INSERT INTO holder (pid, since) VALUES (?, ?)", [process.pid, Date.now()]);
    db.run("COMMIT");
  } catch (error) {
    db.close();
    if (isBusy(error)) return null;
    throw error;
  }
  return { release: () => db.close() };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === "string" && code.startsWith("SQLITE_BUSY")) || /database is locked/i.test(String(error))
  );
}

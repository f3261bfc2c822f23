import { Database } from "bun:sqlite";
import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DB_FILE_NAME } from "../../db/connection.ts";
import { migrations } from "../../db/migrations/index.ts";
import { writeBackup } from "./backup-files.ts";
import { tryLockDataDir } from "./data-dir-lock.ts";

/** Tables every Aniworld database has had since its first migration. */
const REQUIRED_TABLES = ["schema_migrations", "series", "episodes", "settings", "events", "users"];

export class RestoreError extends Error {
  override readonly name = "RestoreError";
}

/**
 * Checks that `file` is an intact Aniworld database this version can open: the SQLite header, `PRAGMA
 * integrity_check`, our tables, and no migration this version does not know (a newer version's backup).
 * Returns the number of series in it.
 */
export function checkBackupFile(file: string): { series: number } {
  if (!existsSync(file)) throw new RestoreError(`${file} does not exist`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") !== "SQLite format 3\0")
    throw new RestoreError(`${file} is not a SQLite database`);
  let db: Database;
  try {
    db = new Database(file, { readonly: true });
  } catch (error) {
    throw new RestoreError(`${file} cannot be opened: ${String(error)}`);
  }
  try {
    const integrity = db.query<{ integrity_check: string }, []>("PRAGMA integrity_check").all();
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== "ok")
      throw new RestoreError(
        `${file} is damaged: ${integrity
          .map((r) => r.integrity_check)
          .slice(0, 3)
          .join("; ")}`,
      );
    const tables = new Set(
      db
        .query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    const absent = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (absent.length)
      throw new RestoreError(`${file} is not an Aniworld database (no ${absent.join(", ")} table)`);
    const known = new Set(migrations.map((m) => m.tag));
    const unknown = db
      .query<{ tag: string }, []>("SELECT tag FROM schema_migrations")
      .all()
      .filter((r) => !known.has(r.tag));
    if (unknown.length)
      throw new RestoreError(
        `${file} comes from a newer Aniworld (unknown migrations: ${unknown.map((r) => r.tag).join(", ")})`,
      );
    const series = db.query<{ n: number }, []>("SELECT count(*) AS n FROM series").get()?.n ?? 0;
    return { series };
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`${file} cannot be read as a database: ${String(error)}`);
  } finally {
    db.close();
  }
}

export interface RestoreOutcome {
  series: number;
  /** Where the database that was replaced was saved (null when there was none). */
  previous: string | null;
}

/**
 * Replaces the data dir's database with `file` after checking it. Refuses while a server holds the data
 * dir (and holds the lock itself meanwhile, so none can start). The database it replaces is first saved
 * as a backup, so a restore can be undone.
 */
export function restoreBackup(file: string, dataDir: string): RestoreOutcome {
  const { series } = checkBackupFile(file);
  const lock = tryLockDataDir(dataDir);
  if (!lock)
    throw new RestoreError(`an Aniworld server is running on ${dataDir}: stop it first, then restore again`);
  try {
    const target = join(dataDir, DB_FILE_NAME);
    let previous: string | null = null;
    if (existsSync(target)) {
      const current = new Database(target);
      try {
        previous = writeBackup(current, dataDir, Number.MAX_SAFE_INTEGER).path;
      } finally {
        current.close();
      }
    }
    const temp = `${target}.restore.tmp`;
    copyFileSync(file, temp);
    // The old WAL and shared-memory files belong to the old database; left beside the new one they would be replayed into it.
    for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
    renameSync(temp, target);
    return { series, previous };
  } finally {
    lock.release();
  }
}

import { Database, SQLiteError } from "bun:sqlite";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BunSQLiteDatabase, drizzle } from "drizzle-orm/bun-sqlite";
import { applyMigrations } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";
import * as schema from "./schema/index.ts";

/** `$client` is the bun:sqlite handle under drizzle, for the few hot paths that prepare raw statements. */
export type Db = BunSQLiteDatabase<typeof schema> & { $client: Database };

export interface DbHandle {
  sqlite: Database;
  db: Db;
  path: string;
  /** True when this open created the database file; the server then calls `makeDurable` once it listens. */
  created: boolean;
  /** Checkpoints with fsync: what a new database was created without (see openDatabase). */
  makeDurable(): void;
  /** How long a statement waits for another connection's lock before it fails with SQLITE_BUSY. */
  setBusyTimeout(ms: number): void;
  close(): void;
}

export const DB_FILE_NAME = "aniworld.db";

/**
 * The server's connection lives on the main thread, where a lock wait freezes every request. When another
 * process (a CLI command, a backup, sqlite3) holds the write lock, a write gives up after this long:
 * group-committed writes retry later without blocking (group-commit.ts), others answer "busy, try again".
 */
export const SERVER_BUSY_TIMEOUT_MS = 100;

/**
 * Every other connection's wait, and the server's until it listens: nothing waits on its thread then, and
 * a program that held the database a moment longer (a backup, a checkpoint on close) must not stop it.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** SQLITE_BUSY (and its extended codes): another connection holds the lock past the busy timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof SQLiteError && (error.errno & 0xff) === 5;
}

/**
 * Opens (creating if needed) the database in `dataDir`, sets the pragmas every connection needs and, unless
 * `migrate` is false (worker connections), applies pending migrations.
 */
export function openDatabase(dataDir: string, options: { migrate?: boolean } = {}): DbHandle {
  const path = join(dataDir, DB_FILE_NAME);
  const created = !existsSync(path);
  restrictAccess(dataDir, path);
  const sqlite = new Database(path, { create: true, strict: true });
  // First: switching to WAL already needs a lock that another program may hold for a moment. The wait
  // blocks the calling thread, so the server lowers it once it listens (SERVER_BUSY_TIMEOUT_MS).
  const setBusyTimeout = (ms: number) => sqlite.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(ms))}`);
  setBusyTimeout(DEFAULT_BUSY_TIMEOUT_MS);
  // A new database holds nothing yet, so it is created and migrated without waiting for the disk (the
  // fsyncs of the WAL switch and the migrations cost a first start 20–50 ms); WAL's checksummed frames
  // recover to the last whole migration after a crash, and makeDurable() syncs everything once serving.
  if (created) sqlite.run("PRAGMA synchronous = OFF");
  // WAL lets readers and one writer work side by side.
  sqlite.run("PRAGMA journal_mode = WAL");
  sqlite.run("PRAGMA foreign_keys = ON");
  // Statement journals (an insert under unique indexes inside a savepoint keeps one) and temporary tables
  // stay in memory. Allowed to spill to files, series.add's write took twice the CPU (72 against 33 µs per
  // add in a micro-benchmark) although no file was ever opened for it.
  sqlite.run("PRAGMA temp_store = MEMORY");
  if (options.migrate !== false) applyMigrations(sqlite, migrations);
  sqlite.run("PRAGMA synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  return {
    sqlite,
    db,
    path,
    created,
    setBusyTimeout,
    makeDurable() {
      // With synchronous = NORMAL a checkpoint syncs the WAL before and the database file after copying.
      sqlite.run("PRAGMA wal_checkpoint(FULL)");
    },
    close() {
      sqlite.close();
    },
  };
}

/**
 * The database holds password hashes, session and API key hashes and the TMDB key: only the owner may
 * read it. The data dir becomes 0700 and the database 0600 before SQLite opens it; SQLite gives its -wal
 * and -shm files the database file's mode, and existing ones are corrected too.
 */
function restrictAccess(dataDir: string, dbPath: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(dbPath)) writeFileSync(dbPath, "", { mode: 0o600, flag: "a" });
  try {
    chmodSync(dataDir, 0o700);
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`])
      if (existsSync(file)) chmodSync(file, 0o600);
  } catch {
    // Not the owner (a shared or read-only mount): the files keep the modes their owner chose.
  }
}

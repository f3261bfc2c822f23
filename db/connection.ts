import { Database } from "bun:sqlite";
import { existsSync, mkdirSync } from "node:fs";
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
  close(): void;
}

export const DB_FILE_NAME = "aniworld.db";

/**
 * Opens (creating if needed) the database in `dataDir`, sets the pragmas every connection needs and, unless
 * `migrate` is false (worker connections), applies pending migrations.
 */
export function openDatabase(dataDir: string, options: { migrate?: boolean } = {}): DbHandle {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DB_FILE_NAME);
  const created = !existsSync(path);
  const sqlite = new Database(path, { create: true, strict: true });
  // A new database holds nothing yet, so it is created and migrated without waiting for the disk (the
  // fsyncs of the WAL switch and the migrations cost a first start 20–50 ms); WAL's checksummed frames
  // recover to the last whole migration after a crash, and makeDurable() syncs everything once serving.
  if (created) sqlite.run("PRAGMA synchronous = OFF");
  // WAL lets the server and the loader worker write side by side; busy_timeout absorbs short lock waits.
  sqlite.run("PRAGMA journal_mode = WAL");
  sqlite.run("PRAGMA busy_timeout = 5000");
  sqlite.run("PRAGMA foreign_keys = ON");
  if (options.migrate !== false) applyMigrations(sqlite, migrations);
  sqlite.run("PRAGMA synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  return {
    sqlite,
    db,
    path,
    created,
    makeDurable() {
      // With synchronous = NORMAL a checkpoint syncs the WAL before and the database file after copying.
      sqlite.run("PRAGMA wal_checkpoint(FULL)");
    },
    close() {
      sqlite.close();
    },
  };
}

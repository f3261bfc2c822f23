import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
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
  const sqlite = new Database(path, { create: true, strict: true });
  // WAL lets the server and the loader worker write side by side; busy_timeout absorbs short lock waits.
  sqlite.run("PRAGMA journal_mode = WAL");
  sqlite.run("PRAGMA synchronous = NORMAL");
  sqlite.run("PRAGMA busy_timeout = 5000");
  sqlite.run("PRAGMA foreign_keys = ON");
  if (options.migrate !== false) applyMigrations(sqlite, migrations);
  const db = drizzle(sqlite, { schema });
  return {
    sqlite,
    db,
    path,
    close() {
      sqlite.close();
    },
  };
}

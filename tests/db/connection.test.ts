import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../db/connection.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { migrations } from "../../db/migrations/index.ts";
import { tempDir } from "../helpers/temp-dir.ts";

describe("database", () => {
  test("creates the data directory and the database file, with WAL, busy_timeout, foreign keys and in-memory temp files", () => {
    const tmp = tempDir();
    const dataDir = join(tmp.path, "nested", "data");
    const h = openDatabase(dataDir);
    expect(existsSync(join(dataDir, "aniworld.db"))).toBe(true);
    expect(h.sqlite.query<{ journal_mode: string }, []>("PRAGMA journal_mode").get()?.journal_mode).toBe(
      "wal",
    );
    expect(h.sqlite.query<{ timeout: number }, []>("PRAGMA busy_timeout").get()?.timeout).toBe(5000);
    expect(h.sqlite.query<{ foreign_keys: number }, []>("PRAGMA foreign_keys").get()?.foreign_keys).toBe(1);
    // 2 = MEMORY: statement journals of writes inside savepoints never become files (see connection.ts).
    expect(h.sqlite.query<{ temp_store: number }, []>("PRAGMA temp_store").get()?.temp_store).toBe(2);
    const worker = openDatabase(dataDir, { migrate: false });
    expect(worker.sqlite.query<{ temp_store: number }, []>("PRAGMA temp_store").get()?.temp_store).toBe(2);
    worker.close();
    const tables = h.sqlite
      .query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type='table'")
      .all()
      .map((r) => r.name);
    for (const t of [
      "series",
      "episodes",
      "downloads",
      "users",
      "sessions",
      "api_keys",
      "settings",
      "events",
    ])
      expect(tables).toContain(t);
    h.close();
    tmp.cleanup();
  });

  test("migrations are applied once; reopening applies nothing", () => {
    const tmp = tempDir();
    const h = openDatabase(tmp.path);
    expect(applyMigrations(h.sqlite, migrations)).toEqual([]);
    h.close();
    const again = openDatabase(tmp.path);
    const applied = again.sqlite
      .query<{ n: number }, []>("SELECT count(*) AS n FROM schema_migrations")
      .get();
    expect(applied?.n).toBe(migrations.length);
    again.close();
    tmp.cleanup();
  });

  test("an applied migration that was edited afterwards is refused", () => {
    const tmp = tempDir();
    const h = openDatabase(tmp.path);
    const edited = migrations.map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }));
    expect(() => applyMigrations(h.sqlite, edited)).toThrow(/was changed after it was applied/);
    h.close();
    tmp.cleanup();
  });

  test("a database made before migration 0005 became 0006 upgrades without running it again", () => {
    const tmp = tempDir();
    // What an earlier release shipped: 0000–0004, then the episode-monitored migration as 0005.
    const monitored = migrations.find((m) => m.tag === "0006_episode_monitored");
    if (!monitored) throw new Error("no 0006_episode_monitored");
    const shipped = [
      ...migrations.filter((m) => m.tag < "0005"),
      { ...monitored, tag: "0005_episode_monitored" },
    ];
    const old = new Database(join(tmp.path, "aniworld.db"), { create: true, strict: true });
    applyMigrations(old, shipped);
    old.close();
    const h = openDatabase(tmp.path);
    const tags = h.sqlite
      .query<{ tag: string }, []>("SELECT tag FROM schema_migrations")
      .all()
      .map((r) => r.tag);
    for (const m of migrations) expect(tags).toContain(m.tag);
    const columns = h.sqlite
      .query<{ name: string }, []>("SELECT name FROM pragma_table_info('episodes')")
      .all()
      .map((c) => c.name);
    expect(columns.filter((c) => c === "monitored")).toHaveLength(1);
    // Opening again applies nothing.
    expect(applyMigrations(h.sqlite, migrations)).toEqual([]);
    h.close();
    tmp.cleanup();
  });

  test("foreign keys are enforced", () => {
    const tmp = tempDir();
    const h = openDatabase(tmp.path);
    expect(() =>
      h.sqlite.run("INSERT INTO episodes (series_id, season, number, updated_at) VALUES (999, 1, 1, 0)"),
    ).toThrow(/FOREIGN KEY/);
    h.close();
    tmp.cleanup();
  });
});

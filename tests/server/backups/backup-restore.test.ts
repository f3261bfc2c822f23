import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { copyFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../../db/connection.ts";
import { episodes } from "../../../db/schema/index.ts";
import { tryLockDataDir } from "../../../server/backups/data-dir-lock.ts";
import { startApplication } from "../../../server/composition.ts";
import { directorySpa } from "../../../server/http/spa.ts";
import { createLogger } from "../../../server/logger.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { httpClient, startTestServer } from "../../helpers/test-server.ts";

const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
});

function cli(args: string[]) {
  const r = Bun.spawnSync([process.execPath, main, ...args], { stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

/** Every row of the tables that make up the library state, in a stable order. */
function dump(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, "aniworld.db"), { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of ["series", "episodes", "settings", "connections", "downloads", "users", "api_keys"])
      out[table] = db.query(`SELECT * FROM ${table} ORDER BY rowid`).all();
    return out;
  } finally {
    db.close();
  }
}

test("a backup restores to an identical library state; restore refuses while the server runs", async () => {
  const server = await startTestServer();
  const dataDir = server.config.dataDir;
  cleanups.push(() => rmSync(server.dir, { recursive: true, force: true }));
  const creds = await signIn(server);
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const db = server.app.services.db.db;
  for (const n of [1, 2]) {
    const id = insertSeriesRow(db, {
      catalogKey: `aniworld:s${n}`,
      title: `Series ${n}`,
      folder: `Series ${n}`,
    });
    db.insert(episodes)
      .values({ seriesId: id, season: 1, number: 1, languages: ["de"], updatedAt: 0 })
      .run();
  }
  await api.settings.update.mutate({ downloadConcurrency: 3, tmdbApiKey: "k".repeat(32) });
  await api.connections.create.mutate({
    name: "hook",
    kind: "webhook",
    url: "http://127.0.0.1:9/x",
    secret: "s",
  });
  server.app.services.events.commitPending();
  const before = dump(dataDir);
  const backup = await api.backups.create.mutate();
  expect(backup.name).toMatch(/^aniworld-\d{8}-\d{9}\.db$/);
  expect(JSON.stringify(backup)).not.toContain(dataDir);
  const file = join(dataDir, "backups", backup.name);

  // Changes after the backup, which the restore must undo.
  await api.settings.update.mutate({ downloadConcurrency: 1 });
  await api.series.remove.mutate({ id: 1 });
  expect(dump(dataDir)).not.toEqual(before);

  expect(tryLockDataDir(dataDir)).toBeNull();
  const refused = cli(["restore", file, "--data-dir", dataDir]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain("is running");
  // `aniworld backup` is safe while the server runs.
  const live = cli(["backup", "--data-dir", dataDir]);
  expect(live.code).toBe(0);
  expect((await api.backups.list.query()).backups).toHaveLength(2);

  await server.app.shutdown();
  const restored = cli(["restore", file, "--data-dir", dataDir]);
  expect({ code: restored.code, err: restored.err }).toEqual({ code: 0, err: "" });
  expect(restored.out).toContain("restored 2 series");
  expect(dump(dataDir)).toEqual(before);

  // The restored database serves again, the replaced one was kept as a backup.
  const app = await startApplication({
    config: server.config,
    spa: directorySpa(join(server.dir, "spa")),
    logger: createLogger({ level: "error", json: true, write: () => {} }),
  });
  try {
    const again = httpClient(app.server.url, creds.apiKeyHeaders);
    expect((await again.settings.get.query()).downloadConcurrency).toBe(3);
    expect((await again.backups.list.query()).backups).toHaveLength(3);
  } finally {
    await app.shutdown();
  }
});

test("restore checks the file first: not SQLite, not ours, from a newer version, missing", () => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const dataDir = join(tmp.path, "data");
  expect(cli(["backup", "--data-dir", dataDir]).err).toContain("no database");

  const garbage = join(tmp.path, "garbage.db");
  writeFileSync(garbage, "this is not a database, just some text that is long enough");
  expect(cli(["restore", garbage, "--data-dir", dataDir]).err).toContain("not a SQLite database");

  const foreign = join(tmp.path, "foreign.db");
  const f = new Database(foreign, { create: true });
  f.run("CREATE TABLE notes (id INTEGER)");
  f.close();
  expect(cli(["restore", foreign, "--data-dir", dataDir]).err).toContain("not an Aniworld database");

  // A real Aniworld database, then marked as coming from a newer version.
  openDatabase(dataDir).close();
  const newer = join(tmp.path, "newer.db");
  copyFileSync(join(dataDir, "aniworld.db"), newer);
  const n = new Database(newer);
  n.run("INSERT INTO schema_migrations (tag, hash, applied_at) VALUES ('9999_future', 'x', 0)");
  n.close();
  expect(cli(["restore", newer, "--data-dir", dataDir]).err).toContain("newer Aniworld");
  expect(cli(["restore", join(tmp.path, "absent.db"), "--data-dir", dataDir]).err).toContain(
    "does not exist",
  );
  // A good file restores into a data dir that has no database yet.
  const good = join(tmp.path, "good.db");
  copyFileSync(join(dataDir, "aniworld.db"), good);
  const fresh = cli(["restore", good, "--data-dir", join(tmp.path, "fresh")]);
  expect({ code: fresh.code, out: fresh.out.trim() }).toEqual({
    code: 0,
    out: `restored 0 series into ${join(tmp.path, "fresh")}`,
  });
});

test("scheduled backups keep the newest N; a second server on the same data dir is refused", async () => {
  const server = await startTestServer();
  cleanups.push(() => rmSync(server.dir, { recursive: true, force: true }));
  const { backups, settings } = server.app.services;
  settings.update({ backupKeep: 2 });
  const made = [backups.backupNow(), backups.backupNow(), backups.backupNow()];
  expect(backups.list().map((b) => b.name)).toEqual([made[2]!.name, made[1]!.name]);
  expect(statSync(made[2]!.path).mode & 0o777).toBe(0o600);
  const due = backups.nextDueAt();
  expect(due).toBe(made[2]!.at + 24 * 3_600_000);
  settings.update({ backupIntervalHours: 0 });
  expect(backups.nextDueAt()).toBeNull();
  await expect(
    startApplication({ config: server.config, spa: directorySpa(join(server.dir, "spa")) }),
  ).rejects.toThrow("another Aniworld server is running");
  await server.app.shutdown();
});

import { afterEach, expect, test } from "bun:test";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { episodes, series as seriesTable } from "../../../db/schema/index.ts";
import { isTemporaryName } from "../../../server/fs/atomic-write.ts";
import { waitFor } from "../../helpers/test-server.ts";
import { startLoader } from "./loader-harness.ts";

let h: ReturnType<typeof startLoader>;
afterEach(async () => {
  await h.close();
});

/**
 * Every step's start is published. A finished step is published on its own, or together with what followed
 * it when both came in one of the worker's batches, so the statuses seen are these in order, each at least once.
 */
const EVERY_STATUS = [
  "pending",
  "loading_episodes",
  "loading_nfo",
  "loading_logo",
  "loading_images",
  "completed",
];
const distinct = (values: readonly string[]) => values.filter((v, i) => v !== values[i - 1]);

test("add returns the pending row at once; the worker loads every step in order and records it", async () => {
  h = startLoader();
  const row = await h.series.add("aniworld:frieren");
  expect(row).toMatchObject({
    loadingStatus: "pending",
    title: "Frieren",
    folder: "Frieren",
    alreadyExisted: false,
  });
  expect([row.episodesLoaded, row.nfoLoaded, row.logoLoaded, row.imagesLoaded]).toEqual([
    false,
    false,
    false,
    false,
  ]);
  const sidecarPath = join(h.config.library, "Frieren", ".aniworld.json");
  await waitFor(() => existsSync(sidecarPath), "the sidecar written right after series.add");
  await h.waitStatus(row.id, "completed");
  expect(distinct(h.statusesOf(row.id))).toEqual(EVERY_STATUS);
  const progress = h.updates
    .filter((u) => u.seriesId === row.id)
    .map((u) => Object.values(u.progress).filter(Boolean).length);
  // Steps done only grow, one at a time at most, from none to all four.
  expect(progress[0]).toBe(0);
  expect(progress.at(-1)).toBe(4);
  expect(progress.every((n, i) => i === 0 || n - (progress[i - 1] ?? 0) <= 1)).toBe(true);
  expect(progress.every((n, i) => i === 0 || n >= (progress[i - 1] ?? 0))).toBe(true);
  const done = h.loader.repository.get(row.id)!;
  expect(done).toMatchObject({
    title: "Title of frieren",
    year: 2020,
    tmdbId: 42,
    imdbId: "tt0000001",
    loadingError: null,
  });
  expect(h.db.db.select().from(episodes).where(eq(episodes.seriesId, row.id)).all()).toHaveLength(6);
  for (const f of ["tvshow.nfo", "logo.png", "poster.jpg", "fanart.jpg"])
    expect(existsSync(join(h.config.library, "Frieren", f))).toBe(true);
  const sidecar = await Bun.file(sidecarPath).json();
  expect(sidecar).toMatchObject({ catalogKey: "aniworld:frieren", title: "Title of frieren", year: 2020 });
});

test("adding an existing key (any case) returns the existing row flagged, no duplicate", async () => {
  h = startLoader();
  const a = await h.series.add("aniworld:dandadan");
  const b = await h.series.add("aniworld:DanDaDan");
  expect(b.id).toBe(a.id);
  expect(b.alreadyExisted).toBe(true);
  expect(h.db.db.select().from(seriesTable).all()).toHaveLength(1);
});

test("folders are unique even when the name is already on disk", async () => {
  h = startLoader();
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(h.config.library, "Bleach"), { recursive: true });
  const row = await h.series.add("aniworld:bleach");
  expect(row.folder).toBe("Bleach (2)");
});

test("a folder name taken after the names were loaded (a scan's row) is caught by the unique index", async () => {
  h = startLoader();
  await h.series.add("aniworld:naruto"); // loads the in-memory folder names
  const now = Date.now();
  h.db.sqlite
    .prepare(
      "INSERT INTO series (catalog_key, title, folder, created_at, updated_at) VALUES ('aniworld:x-scan', 'Scanned', 'Berserk', ?, ?)",
    )
    .run(now, now);
  const row = await h.series.add("aniworld:berserk");
  expect(row.folder).toBe("Berserk (2)");
  expect((await h.series.add("aniworld:berserk")).alreadyExisted).toBe(true);
});

test("a folder freed by deleting a series with its files can be used again", async () => {
  h = startLoader();
  const first = await h.series.add("aniworld:monster");
  await waitFor(() => existsSync(join(h.config.library, "Monster", ".aniworld.json")), "Monster's folder");
  await h.series.remove(first.id, true);
  expect((await h.series.add("aniworld:monster")).folder).toBe("Monster");
  const kept = await h.series.add("aniworld:pluto");
  await waitFor(() => existsSync(join(h.config.library, "Pluto", ".aniworld.json")), "Pluto's folder");
  await h.series.remove(kept.id, false); // files stay on disk: the name stays taken
  expect((await h.series.add("aniworld:pluto")).folder).toBe("Pluto (2)");
});

test("a series whose NFO is already on disk skips that step", async () => {
  h = startLoader({ concurrency: 1 });
  // Occupies the only slot, so the NFO below is on disk before the second series starts.
  const blocker = await h.series.add("aniworld:slow-blocker");
  const row = await h.series.add("aniworld:monster");
  await waitFor(() => existsSync(join(h.config.library, "Monster", ".aniworld.json")), "Monster's folder");
  writeFileSync(join(h.config.library, "Monster", "tvshow.nfo"), "<tvshow><title>mine</title></tvshow>");
  await h.waitStatus(row.id, "completed");
  expect(h.statusesOf(row.id)).not.toContain("loading_nfo");
  expect(await Bun.file(join(h.config.library, "Monster", "tvshow.nfo")).text()).toContain("mine");
  expect(h.loader.repository.get(row.id)!.nfoLoaded).toBe(true);
  await h.waitStatus(blocker.id, "completed");
});

test("a step that keeps failing ends in failed naming the step and cause; others go on; retry resumes there", async () => {
  h = startLoader({ attempts: 2 });
  const bad = await h.series.add("aniworld:fail3-logo-x");
  const good = await h.series.add("aniworld:naruto");
  await h.waitStatus(bad.id, "failed");
  await h.waitStatus(good.id, "completed");
  const failed = h.loader.repository.get(bad.id)!;
  expect(failed.loadingError).toContain("logo");
  expect(failed.loadingError).toContain("stand-in refused logo");
  expect([failed.episodesLoaded, failed.nfoLoaded, failed.logoLoaded]).toEqual([true, true, false]);
  expect(h.logs.some((l) => l.includes("retrying"))).toBe(true);
  const before = h.updates.length;
  const retried = h.series.retryLoading(bad.id);
  expect(retried.loadingStatus).toBe("pending");
  // Third attempt fails, fourth works (the stand-in refuses three times).
  await h.waitStatus(bad.id, "completed");
  const after = h.updates
    .slice(before)
    .filter((u) => u.seriesId === bad.id)
    .map((u) => u.status);
  expect(after).not.toContain("loading_episodes");
  expect(after).not.toContain("loading_nfo");
  expect(after.at(-1)).toBe("completed");
});

test("deleting a series while it loads cancels it and removes its folder; nothing is written afterwards", async () => {
  h = startLoader();
  const row = await h.series.add("aniworld:slow-berserk");
  await waitFor(() => h.statusOf(row.id) === "loading_nfo", "loading_nfo");
  const result = await h.series.remove(row.id, true);
  expect(result).toEqual({ id: row.id, filesDeleted: true });
  expect(h.loader.repository.get(row.id)).toBeUndefined();
  expect(h.db.db.select().from(episodes).where(eq(episodes.seriesId, row.id)).all()).toHaveLength(0);
  // The cancelled job has ended (its slot is free): anything it would still write would be there now.
  await waitFor(() => h.loader.stats().running === 0, "the cancelled job to end");
  expect(existsSync(join(h.config.library, "Slow Berserk"))).toBe(false);
  expect(h.updates.filter((u) => u.seriesId === row.id).at(-1)!.status).toBe("removed");
  expect(h.loader.stats()).toEqual({ running: 0, queued: 0 });
});

test("ten adds at once all complete, at most `concurrency` at a time", async () => {
  h = startLoader({ concurrency: 3 });
  const rows = await Promise.all(
    Array.from({ length: 10 }, (_, i) => h.series.add(`aniworld:slow-show-${i}`)),
  );
  let maxRunning = 0;
  await waitFor(
    () => {
      maxRunning = Math.max(maxRunning, h.loader.stats().running);
      return rows.every((r) => h.statusOf(r.id) === "completed");
    },
    "ten completed",
    30_000,
  );
  expect(maxRunning).toBeLessThanOrEqual(3);
  expect(new Set(rows.map((r) => r.folder)).size).toBe(10);
}, 30_000);

test("shutdown mid-load leaves no temporary file and no step marked done without its file", async () => {
  h = startLoader({ concurrency: 5 });
  const rows = await Promise.all(
    Array.from({ length: 5 }, (_, i) => h.series.add(`aniworld:slow-stop-${i}`)),
  );
  await waitFor(() => rows.some((r) => h.statusOf(r.id) === "loading_logo"), "some at logo");
  const dir = h.dir;
  await h.close(true);
  const { openDatabase } = await import("../../../db/connection.ts");
  const db = openDatabase(join(dir, "data"));
  for (const row of db.db.select().from(seriesTable).all()) {
    const folder = join(dir, "library", row.folder);
    expect(readdirSync(folder).filter(isTemporaryName)).toEqual([]);
    if (row.nfoLoaded) expect(existsSync(join(folder, "tvshow.nfo"))).toBe(true);
    if (row.logoLoaded) expect(existsSync(join(folder, "logo.png"))).toBe(true);
    if (row.imagesLoaded) expect(existsSync(join(folder, "poster.jpg"))).toBe(true);
  }
  db.close();
  // Restart on the same data: the backfill finishes every series.
  h = startLoader({ dir });
  const summary = await h.loader.backfill();
  expect(summary.queued).toBe(5);
  for (const row of rows) await h.waitStatus(row.id, "completed");
});

test("startup re-queues series whose files vanished, and logs one summary line", async () => {
  h = startLoader();
  const row = await h.series.add("aniworld:vinland");
  await h.waitStatus(row.id, "completed");
  const dir = h.dir;
  await h.close(true);
  const { rmSync } = await import("node:fs");
  rmSync(join(dir, "library", "Vinland", "poster.jpg"));
  h = startLoader({ dir });
  expect(await h.loader.backfill()).toEqual({ queued: 1, vanished: 1 });
  expect(h.logs.filter((l) => l.includes("queued at startup"))).toHaveLength(1);
  await h.waitStatus(row.id, "completed");
  expect(existsSync(join(dir, "library", "Vinland", "poster.jpg"))).toBe(true);
  expect(distinct(h.statusesOf(row.id))).toEqual(["pending", "loading_images", "completed"]);
});

/**
 * A series folder renamed (or removed) by hand while no download runs, with no scan since: the next download
 * of the series has a library scan look for it first. The real server and queue, the catalogue and hoster
 * stand-ins, a real library scan.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { series } from "../../../db/schema/index.ts";
import { writeSeriesSidecar } from "../../../server/library/series-sidecar.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { startServerWithSampleSeries } from "../../helpers/stand-ins.ts";
import { httpClient, waitFor } from "../../helpers/test-server.ts";

let world: Awaited<ReturnType<typeof startServerWithSampleSeries>>;
beforeEach(async () => {
  world = await startServerWithSampleSeries();
});
afterEach(() => world.stop());

/** The sample series as the loader leaves it: its folder with the sidecar, its NFO step done. */
function loadedSeriesFolder(): string {
  const { server, sample, seriesId } = world;
  const folder = join(server.config.library, sample.slug);
  mkdirSync(folder, { recursive: true });
  writeSeriesSidecar(folder, { catalogKey: `aniworld:${sample.slug}`, title: sample.titleDe, year: null });
  server.app.services.db.db.update(series).set({ nfoLoaded: true }).where(eq(series.id, seriesId)).run();
  return folder;
}

async function finished(id: number) {
  const api = httpClient(world.server.url, world.creds.cookieHeaders);
  const item = async () => (await api.downloads.list.query()).find((i) => i.id === id);
  await waitFor(
    async () => ["completed", "failed", "paused"].includes((await item())?.state ?? ""),
    "the download",
    15_000,
  );
  return item();
}

test("a folder renamed by hand before a download starts: the download follows it and makes no old folder", async () => {
  const oldFolder = loadedSeriesFolder();
  const newFolder = join(world.server.config.library, "Renamed by hand");
  renameSync(oldFolder, newFolder);
  const { id } = await world.queueNewEpisode(["Vidoza"]);
  const done = await finished(id);
  expect(done?.state).toBe("completed");
  expect(done?.targetPath?.startsWith("Renamed by hand/Season 03/")).toBe(true);
  expect(readdirSync(join(newFolder, "Season 03")).some((n) => n.endsWith(".mp4"))).toBe(true);
  expect(existsSync(oldFolder)).toBe(false);
  const row = world.server.app.services.db.db
    .select()
    .from(series)
    .where(eq(series.id, world.seriesId))
    .get();
  expect(row?.folder).toBe("Renamed by hand");
});

test("a folder removed by hand before a download starts: after the scan the download makes it again", async () => {
  const folder = loadedSeriesFolder();
  // Another series' folder shows that the library folder itself is there (see library-availability.ts).
  const db = world.server.app.services.db.db;
  const other = insertSeriesRow(db, {
    catalogKey: "aniworld:other-show",
    title: "Other Show",
    folder: "Other Show",
  });
  db.update(series).set({ nfoLoaded: true }).where(eq(series.id, other)).run();
  mkdirSync(join(world.server.config.library, "Other Show"));
  renameSync(folder, join(world.server.dir, "removed"));
  const { id } = await world.queueNewEpisode(["Vidoza"]);
  const done = await finished(id);
  expect(done?.state).toBe("completed");
  expect(readdirSync(join(folder, "Season 03")).some((n) => n.endsWith(".mp4"))).toBe(true);
});

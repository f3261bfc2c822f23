/**
 * A download that failed half-way, then its series folder renamed by "organize": the real server, its API,
 * the catalogue and hoster stand-ins. The row follows the folder, so a retry resumes the bytes that moved
 * with it and removing the row cleans them up in the new folder; the old folder is never made again.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, renameSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { eq } from "drizzle-orm";
import { series } from "../../../db/schema/index.ts";
import { writeSeriesSidecar } from "../../../server/library/series-sidecar.ts";
import type { DownloadEvent } from "../../../shared/downloads.ts";
import { filesUnder } from "../../helpers/files-under.ts";
import { startServerWithSampleSeries } from "../../helpers/stand-ins.ts";
import { httpClient, waitFor, wsClient } from "../../helpers/test-server.ts";

let world: Awaited<ReturnType<typeof startServerWithSampleSeries>>;
beforeEach(async () => {
  world = await startServerWithSampleSeries();
});
afterEach(() => world.stop());

const MEDIA_SIZE = 2 * 1024 * 1024;

/** Every file under `dir` (folders left out), relative to it. */

/**
 * A slow direct-file download of a new season 3 episode, paused once part of its bytes are on disk: its part
 * file stays to resume from.
 */
async function pausedHalfWay() {
  const { server, sample, hoster } = world;
  hoster.behaviour.throttleBytesPerSecond = 256 * 1024;
  hoster.behaviour.mediaSize = () => MEDIA_SIZE;
  const { id, number } = await world.queueNewEpisode(["Vidoza"]);
  const code = `${sample.slug}-s3e${number}-de`;
  const api = httpClient(server.url, world.creds.cookieHeaders);
  const oldFolder = join(server.config.library, sample.slug);
  const part = () => filesUnder(oldFolder).find((p) => p.endsWith(".part"));
  await waitFor(() => {
    const p = part();
    return p !== undefined && statSync(join(oldFolder, p)).size > 0;
  }, "the download under way");
  await api.downloads.pause.mutate({ id });
  await server.app.services.downloads.idle();
  const partPath = part();
  if (!partPath) throw new Error("the paused download kept no part file");
  const kept = statSync(join(oldFolder, partPath)).size;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(MEDIA_SIZE);
  return { id, code, api, oldFolder, partPath, kept };
}

/**
 * The paused download resumed while its hoster is down ("Web server is down"): the run finds no usable
 * source and fails, keeping its part file for a retry.
 */
async function failedHalfWay() {
  const paused = await pausedHalfWay();
  const { id, code, api } = paused;
  world.hoster.behaviour.variants[`vidoza/${code}`] = "down";
  await api.downloads.resume.mutate({ id });
  await waitFor(async () => (await stateOf(api, id)) === "failed", "the resumed run to fail");
  await world.server.app.services.downloads.idle();
  expect(statSync(join(paused.oldFolder, paused.partPath)).size).toBe(paused.kept);
  return paused;
}

const stateOf = async (api: ReturnType<typeof httpClient>, id: number) =>
  (await api.downloads.list.query()).find((i) => i.id === id)?.state;

/** Waits for download `id` to complete; asserts it fetched only the bytes after the `kept` ones. */
async function resumedToTheEnd(api: ReturnType<typeof httpClient>, id: number, kept: number) {
  await waitFor(async () => (await stateOf(api, id)) === "completed", "the download to complete");
  // One Range request, starting where the kept part ends: only the missing bytes crossed the network.
  expect(world.hoster.counters.rangeRequests).toBe(1);
  expect(world.hoster.counters.mediaBytes).toBe(MEDIA_SIZE - kept);
}

/** Organizes the series (a year makes the template's folder differ from the slug); returns the new folder. */
async function organize(api: ReturnType<typeof httpClient>): Promise<string> {
  const db = world.server.app.services.db.db;
  db.update(series).set({ year: 2020 }).where(eq(series.id, world.seriesId)).run();
  const done = await api.series.organize.mutate({ id: world.seriesId });
  if (!done.folder) throw new Error("organize kept the folder");
  return join(world.server.config.library, done.folder.to);
}

test("a retry after organize renamed the series folder resumes the kept bytes in the new folder", async () => {
  const { id, code, api, oldFolder, partPath, kept } = await failedHalfWay();
  const newFolder = await organize(api);
  expect(existsSync(oldFolder)).toBe(false);
  expect(statSync(join(newFolder, partPath)).size).toBe(kept);

  world.hoster.behaviour.variants[`vidoza/${code}`] = "ok";
  world.hoster.behaviour.throttleBytesPerSecond = 0;
  world.hoster.resetCounters();
  await api.downloads.retry.mutate({ id });
  await resumedToTheEnd(api, id, kept);
  const video = partPath.replace(/\.part$/, "");
  const item = (await api.downloads.list.query()).find((i) => i.id === id);
  expect(join(world.server.config.library, item?.targetPath ?? "")).toBe(join(newFolder, video));
  expect(filesUnder(newFolder).filter((p) => p.endsWith(".part") || p.endsWith(".mp4"))).toEqual([video]);
  expect(statSync(join(newFolder, video)).size).toBe(MEDIA_SIZE);
  expect(existsSync(oldFolder)).toBe(false);
});

test("removing a failed download after organize renamed the series folder removes its part in the new folder", async () => {
  const { id, api, oldFolder, partPath } = await failedHalfWay();
  const newFolder = await organize(api);
  expect(filesUnder(newFolder)).toEqual([partPath]);

  expect((await api.downloads.removeHistory.mutate({ ids: [id] })).removed).toEqual([id]);
  expect(filesUnder(newFolder)).toEqual([]);
  // The season folder the download made goes with its part; the series folder stays.
  expect(existsSync(join(newFolder, "Season 03"))).toBe(false);
  expect(existsSync(newFolder)).toBe(true);
  expect(existsSync(oldFolder)).toBe(false);
});

test("a paused download resumes into the series folder the user renamed on disk, once a scan found it", async () => {
  const { server, sample } = world;
  const { id, api, oldFolder, partPath, kept } = await pausedHalfWay();
  writeSeriesSidecar(oldFolder, { catalogKey: `aniworld:${sample.slug}`, title: sample.titleDe, year: null });
  const newFolder = join(server.config.library, "Renamed by hand");
  renameSync(oldFolder, newFolder);
  const scans = server.app.services.libraryScans;
  const job = await scans.waitFor(scans.requestScan({ folder: "Renamed by hand" }).jobId);
  expect(job.state).toBe("completed");
  expect((await api.series.get.query({ id: world.seriesId })).folder).toBe("Renamed by hand");

  world.hoster.behaviour.throttleBytesPerSecond = 0;
  world.hoster.resetCounters();
  await api.downloads.resume.mutate({ id });
  await resumedToTheEnd(api, id, kept);
  expect(statSync(join(newFolder, partPath.replace(/\.part$/, ""))).size).toBe(MEDIA_SIZE);
  expect(existsSync(oldFolder)).toBe(false);
});

/**
 * The download list as the web app keeps it: downloads.progress over a real WebSocket; returns the events
 * seen and a way to wait for download `id` to be shown with `targetPath`.
 */
async function openDownloadList() {
  const socket = wsClient(world.server.url, { apiKey: world.creds.apiKey });
  const seen: DownloadEvent[] = [];
  const sub = socket.client.downloads.progress.subscribe(undefined, { onData: (e) => seen.push(e.data) });
  await waitFor(() => seen.length > 0, "the snapshot");
  return {
    seen,
    shows: (id: number, targetPath: string) =>
      waitFor(
        () => seen.some((e) => e.type === "item" && e.item.id === id && e.item.targetPath === targetPath),
        `download ${id} shown at ${targetPath}`,
      ),
    close() {
      sub.unsubscribe();
      socket.close();
    },
  };
}

/** The download's target name (relative to the library root, no extension) for its part file in `folder`. */
const targetIn = (folder: string, partPath: string) =>
  join(basename(folder), partPath.replace(/\.mp4\.part$/, ""));

test("an open download list shows a failed download in the new folder as soon as organize renamed it", async () => {
  const { id, api, oldFolder, partPath } = await failedHalfWay();
  const list = await openDownloadList();
  const item = (await api.downloads.list.query()).find((i) => i.id === id);
  expect(item?.targetPath).toBe(targetIn(oldFolder, partPath));

  const newFolder = await organize(api);
  await list.shows(id, targetIn(newFolder, partPath));
  list.close();
  const shown = list.seen.filter((e) => e.type === "item" && e.item.id === id).at(-1);
  expect(shown?.type === "item" && shown.item.state).toBe("failed");
});

test("an open download list shows a paused download in the folder the user renamed, once a scan found it", async () => {
  const { server, sample } = world;
  const { id, oldFolder, partPath } = await pausedHalfWay();
  const list = await openDownloadList();
  writeSeriesSidecar(oldFolder, { catalogKey: `aniworld:${sample.slug}`, title: sample.titleDe, year: null });
  const newFolder = join(server.config.library, "Renamed by hand");
  renameSync(oldFolder, newFolder);
  const scans = server.app.services.libraryScans;
  await scans.waitFor(scans.requestScan({ folder: "Renamed by hand" }).jobId);

  await list.shows(id, targetIn(newFolder, partPath));
  list.close();
});

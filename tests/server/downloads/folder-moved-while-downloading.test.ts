/**
 * A series folder renamed while one of its downloads is writing: by "organize", or by the user on disk (a
 * scan follows it then, or the transfer finds its folder gone first). The real server and queue, the
 * catalogue and a hoster stand-in that holds the file half-way until the test lets it go on. The episode
 * ends up whole in the new folder, no byte is fetched twice, and the old folder is never made again.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { eq } from "drizzle-orm";
import { episodes, series } from "../../../db/schema/index.ts";
import { hlsSha256, mediaSha256 } from "../../../scripts/stand-ins/hoster-media.ts";
import { segmentSize } from "../../../scripts/stand-ins/hoster-server.ts";
import { writeSeriesSidecar } from "../../../server/library/series-sidecar.ts";
import { fileSha256 } from "../../helpers/file-sha256.ts";
import { filesUnder } from "../../helpers/files-under.ts";
import { startServerWithSampleSeries } from "../../helpers/stand-ins.ts";
import { httpClient, waitFor } from "../../helpers/test-server.ts";

let world: Awaited<ReturnType<typeof startServerWithSampleSeries>>;
beforeEach(async () => {
  world = await startServerWithSampleSeries();
});
afterEach(() => world.stop());

const MEDIA_SIZE = 2 * 1024 * 1024;
const HELD_AT = 512 * 1024;

/** A direct-file download of a new season 3 episode, writing, its hoster holding the rest back. */
async function writingHalfWay() {
  const { server, sample, hoster } = world;
  hoster.behaviour.mediaSize = () => MEDIA_SIZE;
  hoster.behaviour.holdAt = HELD_AT;
  const { id, number } = await world.queueNewEpisode(["Vidoza"]);
  const api = httpClient(server.url, world.creds.cookieHeaders);
  const oldFolder = join(server.config.library, sample.slug);
  const part = () => filesUnder(oldFolder).find((p) => p.endsWith(".part"));
  await waitFor(() => {
    const p = part();
    return hoster.waitingAtHold() === 1 && p !== undefined && statSync(join(oldFolder, p)).size === HELD_AT;
  }, "the download to write up to the hold");
  const partPath = part();
  if (!partPath) throw new Error("the download wrote no part file");
  expect((await api.downloads.list.query()).find((i) => i.id === id)?.state).toBe("downloading");
  return { id, code: `${sample.slug}-s3e${number}-de`, api, oldFolder, partPath };
}

/**
 * Waits until the stopped transfer's connection is gone and the transfer started again asks for the rest
 * with one Range request, which waits at the hold.
 */
async function restartedAtTheHold() {
  const { hoster } = world;
  await waitFor(
    () =>
      hoster.counters.rangeRequests === 1 &&
      hoster.openMediaResponses() === 1 &&
      hoster.waitingAtHold() === 1,
    "the transfer to start again after the bytes it had",
  );
}

/** The user renames the series folder on disk (its sidecar names the series, as the loader writes it). */
function renameByHand(oldFolder: string): string {
  const { sample, server } = world;
  writeSeriesSidecar(oldFolder, { catalogKey: `aniworld:${sample.slug}`, title: sample.titleDe, year: null });
  const newFolder = join(server.config.library, "Renamed by hand");
  renameSync(oldFolder, newFolder);
  return newFolder;
}

/**
 * Waits for download `id` to complete, then checks the episode is whole in `newFolder` under the part's
 * name with its NFO, recorded there (download and episode), nothing else of it is left, every byte crossed
 * the network once, and the old folder was not made again.
 */
async function completedIn(
  d: { id: number; code: string; api: ReturnType<typeof httpClient>; oldFolder: string; partPath: string },
  newFolder: string,
) {
  await waitFor(
    async () => (await d.api.downloads.list.query()).find((i) => i.id === d.id)?.state === "completed",
    "the download to complete",
  );
  const video = d.partPath.replace(/\.part$/, "");
  // The episode and its NFO, no part file.
  expect(
    filesUnder(newFolder)
      .filter((p) => p.includes("S03"))
      .sort(),
  ).toEqual([video, video.replace(/\.mp4$/, ".nfo")]);
  expect(await fileSha256(join(newFolder, video))).toBe(mediaSha256(d.code, MEDIA_SIZE));
  const library = world.server.config.library;
  const item = (await d.api.downloads.list.query()).find((i) => i.id === d.id);
  expect(item?.targetPath).toBe(relative(library, join(newFolder, video)));
  const episode = world.server.app.services.db.db
    .select()
    .from(episodes)
    .where(eq(episodes.seriesId, world.seriesId))
    .all()
    .find((e) => e.season === 3);
  expect(episode?.filePath).toBe(relative(library, join(newFolder, video)));
  expect(world.hoster.counters.mediaBytes).toBe(MEDIA_SIZE);
  expect(existsSync(d.oldFolder)).toBe(false);
}

test("organize while an episode downloads: the transfer stops, the folder is renamed, the transfer goes on there", async () => {
  const d = await writingHalfWay();
  const db = world.server.app.services.db.db;
  db.update(series).set({ year: 2020 }).where(eq(series.id, world.seriesId)).run();

  const done = await d.api.series.organize.mutate({ id: world.seriesId });
  if (!done.folder) throw new Error("organize kept the folder");
  const newFolder = join(world.server.config.library, done.folder.to);
  expect(existsSync(d.oldFolder)).toBe(false);
  expect(statSync(join(newFolder, d.partPath)).size).toBe(HELD_AT);

  await restartedAtTheHold();
  world.hoster.releaseHold();
  await completedIn(d, newFolder);
});

test("a folder renamed by hand and found by a scan while an episode downloads: the transfer goes on in the new folder", async () => {
  const d = await writingHalfWay();
  const newFolder = renameByHand(d.oldFolder);
  const scans = world.server.app.services.libraryScans;
  const job = await scans.waitFor(scans.requestScan({ folder: "Renamed by hand" }).jobId);
  expect(job.state).toBe("completed");

  await restartedAtTheHold();
  world.hoster.releaseHold();
  await completedIn(d, newFolder);
});

test("a folder renamed by hand before the transfer ends: the transfer waits for the scan it asks for, then finishes in the new folder", async () => {
  const d = await writingHalfWay();
  const newFolder = renameByHand(d.oldFolder);

  // The rest of the bytes follow the open file into the renamed folder; the old name is gone at the end.
  world.hoster.releaseHold();
  await completedIn(d, newFolder);
  expect((await d.api.series.get.query({ id: world.seriesId })).folder).toBe("Renamed by hand");
});

test("a season downloading when its folder is renamed by hand: no episode makes the old folder again before the scan", async () => {
  const { server, sample, hoster } = world;
  hoster.behaviour.mediaSize = () => MEDIA_SIZE;
  hoster.behaviour.holdAt = HELD_AT;
  const api = httpClient(server.url, world.creds.cookieHeaders);
  // A catalogue that answers at once and a library of 400 more series: a download that is free to start
  // makes its folder long before the scan has read every folder.
  await api.settings.update.mutate({ catalogRatePerSecond: 1000 });
  for (let i = 0; i < 400; i++) {
    const dir = join(server.config.library, `Other Series ${i}`, "Season 01");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `Other Series ${i} - S01E01.mkv`), "x");
  }
  // Two run at once (the default); the third waits in the queue.
  const queued = [
    await world.queueNewEpisode(["Vidoza"]),
    await world.queueNewEpisode(["Vidoza"]),
    await world.queueNewEpisode(["Vidoza"]),
  ];
  const oldFolder = join(server.config.library, sample.slug);
  await waitFor(() => hoster.waitingAtHold() === 2, "two downloads to write up to the hold");
  const newFolder = renameByHand(oldFolder);

  world.hoster.releaseHold();
  await waitFor(async () => {
    const items = await api.downloads.list.query();
    return queued.every(({ id }) => items.find((i) => i.id === id)?.state === "completed");
  }, "the three downloads to complete");
  const videos = filesUnder(newFolder).filter((p) => p.endsWith(".mp4"));
  expect(videos).toHaveLength(3);
  for (const { number } of queued) {
    const video = videos.find((p) => p.includes(`S03E${String(number).padStart(2, "0")}`));
    expect(video && (await fileSha256(join(newFolder, video)))).toBe(
      mediaSha256(`${sample.slug}-s3e${number}-de`, MEDIA_SIZE),
    );
  }
  expect(filesUnder(newFolder).some((p) => p.endsWith(".part"))).toBe(false);
  expect(existsSync(oldFolder)).toBe(false);
  // Each byte once: the first two kept theirs across the rename.
  expect(hoster.counters.mediaBytes).toBe(3 * MEDIA_SIZE);
});

test("an HLS download whose folder is renamed by hand mid-way finishes in the new folder; the old one is not made again", async () => {
  const { server, sample, hoster } = world;
  hoster.behaviour.hlsSegments = 8;
  hoster.behaviour.hlsSegmentBytes = 64 * 1024;
  // Every segment waits after its first KiB: the segments in flight are caught in their slot files.
  hoster.behaviour.holdAt = 1024;
  const { id, number } = await world.queueNewEpisode(["VOE"]);
  const api = httpClient(server.url, world.creds.cookieHeaders);
  const oldFolder = join(server.config.library, sample.slug);
  await waitFor(() => hoster.waitingAtHold() > 0, "the segments in flight to wait at the hold");
  const newFolder = renameByHand(oldFolder);

  hoster.releaseHold();
  await waitFor(
    async () => (await api.downloads.list.query()).find((i) => i.id === id)?.state === "completed",
    "the download to complete",
  );
  const files = filesUnder(newFolder).filter((p) => p.includes("S03"));
  const video = files.find((p) => p.endsWith(".ts"));
  if (!video) throw new Error(`no episode file in the new folder: ${files.join(", ")}`);
  expect(files.sort()).toEqual([video.replace(/\.ts$/, ".nfo"), video]);
  const sizes = Array.from({ length: 8 }, (_, i) => segmentSize(hoster.behaviour, i));
  expect(await fileSha256(join(newFolder, video))).toBe(
    hlsSha256(`${sample.slug}-s3e${number}-de`, "high", sizes),
  );
  expect(existsSync(oldFolder)).toBe(false);
});

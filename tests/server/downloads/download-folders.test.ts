/**
 * The folders a download makes for its episode (a new season's `Season NN`) go again when it is cancelled
 * and they hold nothing else; a folder that was there before stays, and so does the series folder. The real
 * queue against the catalogue and hoster stand-ins, a real SQLite file and a library folder.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { waitFor } from "../../helpers/test-server.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

let f: QueueFixture;
beforeEach(async () => {
  // Slow enough that each test stops the download half-way.
  f = await startQueueFixture({ throttleBytesPerSecond: 256 * 1024, mediaSize: () => 4 * 1024 * 1024 });
});
afterEach(() => f.stop());

const seriesFolder = () => join(f.libraryRoot, `${f.sample.titleDe} (${f.sample.startYear})`);
const filesIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];

/** Writes `content` at `relative` (to the series folder), making the folders on the way. */
function put(relative: string, content = relative): void {
  const path = join(seriesFolder(), relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Starts the download of a new episode in `season` (a direct file); resolves once its part file grows. */
async function downloadingIn(season: number): Promise<number> {
  const ep = f.addEpisode(season, { languages: ["de"], hosters: ["Vidoza"] });
  f.queue.start();
  const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0];
  if (id === undefined) throw new Error("the episode was not queued");
  await waitFor(
    () => f.item(id).bytesDone > 0 && filesIn(seriesFolder()).some((n) => n.endsWith(".part")),
    "the download under way",
  );
  return id;
}

test("cancelling the first episode of a new season removes the season folder it made", async () => {
  put("Season 01/Show - S01E01.mkv");
  const id = await downloadingIn(2);
  expect(existsSync(join(seriesFolder(), "Season 02"))).toBe(true);
  await f.queue.cancel(id);
  expect(f.item(id).state).toBe("cancelled");
  expect(existsSync(join(seriesFolder(), "Season 02"))).toBe(false);
  expect(filesIn(seriesFolder())).toEqual(["Season 01", "Season 01/Show - S01E01.mkv"]);
});

test("cancelling a paused download removes the season folder it made", async () => {
  put("tvshow.nfo");
  const id = await downloadingIn(2);
  f.queue.pause(id);
  await f.settled(id, ["paused"]);
  await f.queue.idle();
  await f.queue.cancel(id);
  expect(filesIn(seriesFolder())).toEqual(["tvshow.nfo"]);
});

test("after a restart, cancelling a paused download still removes the season folder it made", async () => {
  put("tvshow.nfo");
  const id = await downloadingIn(2);
  f.queue.pause(id);
  await f.settled(id, ["paused"]);
  await f.queue.stop();
  f.reopen();
  await f.queue.cancel(id);
  expect(filesIn(seriesFolder())).toEqual(["tvshow.nfo"]);
});

test("a season folder that held other files stays, with them, when its download is cancelled", async () => {
  put("Season 02/Show - S02E05.mkv", "another episode");
  const id = await downloadingIn(2);
  await f.queue.cancel(id);
  expect(filesIn(seriesFolder())).toEqual(["Season 02", "Season 02/Show - S02E05.mkv"]);
  expect(await Bun.file(join(seriesFolder(), "Season 02/Show - S02E05.mkv")).text()).toBe("another episode");
});

test("an empty season folder that was there before the download stays", async () => {
  mkdirSync(join(seriesFolder(), "Season 02"), { recursive: true });
  const id = await downloadingIn(2);
  await f.queue.cancel(id);
  expect(filesIn(seriesFolder())).toEqual(["Season 02"]);
});

test("the series folder stays even when the download made it", async () => {
  expect(existsSync(seriesFolder())).toBe(false);
  const id = await downloadingIn(2);
  await f.queue.cancel(id);
  expect(existsSync(join(seriesFolder(), "Season 02"))).toBe(false);
  expect(existsSync(seriesFolder())).toBe(true);
});

test("a download that fails leaves no season folder it made; a retry makes it again", async () => {
  put("tvshow.nfo");
  const ep = f.addEpisode(2, { languages: ["de"], hosters: ["Vidoza"] });
  f.hoster.behaviour.variants[`vidoza/${ep.code("de")}`] = "media404";
  f.queue.start();
  const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0];
  if (id === undefined) throw new Error("the episode was not queued");
  expect((await f.settled(id)).state).toBe("failed");
  await f.queue.idle();
  expect(filesIn(seriesFolder())).toEqual(["tvshow.nfo"]);

  f.hoster.behaviour.variants[`vidoza/${ep.code("de")}`] = "ok";
  f.hoster.behaviour.throttleBytesPerSecond = 0;
  f.queue.retry(id);
  expect((await f.settled(id, ["completed", "failed"])).state).toBe("completed");
  expect(filesIn(join(seriesFolder(), "Season 02"))).toEqual([expect.stringMatching(/S02E01.*\.mp4$/)]);
});

test("a new season's folder stays while another download writes into it, and goes with the last one", async () => {
  put("tvshow.nfo");
  const first = await downloadingIn(2);
  const second = await downloadingIn(2);
  await waitFor(
    () => filesIn(join(seriesFolder(), "Season 02")).filter((n) => n.endsWith(".part")).length === 2,
    "both downloads writing into Season 02",
  );
  // The first made the folder: cancelled, it leaves it to the second, which still writes there.
  await f.queue.cancel(first);
  expect(filesIn(join(seriesFolder(), "Season 02"))).toEqual([expect.stringMatching(/S02E02.*\.part$/)]);
  await f.queue.cancel(second);
  expect(filesIn(seriesFolder())).toEqual(["tvshow.nfo"]);
});

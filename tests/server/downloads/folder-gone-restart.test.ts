/**
 * A download paused because its series folder was renamed on disk while it wrote still goes on by itself
 * after a restart, once a scan finds the folder: the real queue against the catalogue and a hoster stand-in
 * holding the file half-way, a real SQLite file closed and reopened, and a real library scan.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { mediaSha256 } from "../../../scripts/stand-ins/hoster-media.ts";
import { LibraryScanService } from "../../../server/library/library-scan-service.ts";
import { writeSeriesSidecar } from "../../../server/library/series-sidecar.ts";
import { fileSha256 } from "../../helpers/file-sha256.ts";
import { filesUnder } from "../../helpers/files-under.ts";
import { waitFor } from "../../helpers/test-server.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

const MEDIA_SIZE = 2 * 1024 * 1024;
const HELD_AT = 512 * 1024;

let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture({ mediaSize: () => MEDIA_SIZE, holdAt: HELD_AT });
});
afterEach(() => f.stop());

const partsIn = (dir: string) => filesUnder(dir).filter((p) => p.endsWith(".part"));

test("paused because its folder went, a download goes on after a restart once a scan finds the folder", async () => {
  const oldFolder = join(f.libraryRoot, `${f.sample.titleDe} (${f.sample.startYear})`);
  const ep = f.addEpisode(3, { languages: ["de"], hosters: ["Vidoza"] });
  f.queue.start();
  const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0];
  if (id === undefined) throw new Error("the episode was not queued");
  await waitFor(() => {
    const part = partsIn(oldFolder)[0];
    return (
      f.hoster.waitingAtHold() === 1 && part !== undefined && statSync(join(oldFolder, part)).size === HELD_AT
    );
  }, "the download to write up to the hold");
  writeSeriesSidecar(oldFolder, {
    catalogKey: `aniworld:${f.sample.slug}`,
    title: f.sample.titleDe,
    year: f.sample.startYear,
  });
  const newFolder = join(f.libraryRoot, "Renamed by hand");
  renameSync(oldFolder, newFolder);
  f.hoster.releaseHold();
  expect((await f.settled(id)).state).toBe("paused");
  expect(existsSync(oldFolder)).toBe(false);

  await f.queue.stop();
  f.reopen();
  f.queue.start();
  expect(f.item(id).state).toBe("paused");
  const scans = new LibraryScanService(f.db.db, f.libraryRoot, f.settings, f.logger, f.events);
  try {
    expect((await scans.waitFor(scans.requestScan().jobId)).state).toBe("completed");
  } finally {
    scans.close();
  }

  expect((await f.settled(id, ["completed", "failed"])).state).toBe("completed");
  const video = f.item(id).targetPath;
  expect(video?.startsWith("Renamed by hand/")).toBe(true);
  const file = readdirSync(join(newFolder, "Season 03")).find((n) => n.endsWith(".mp4"));
  expect(file && (await fileSha256(join(newFolder, "Season 03", file)))).toBe(
    mediaSha256(ep.code("de"), MEDIA_SIZE),
  );
  expect(partsIn(newFolder)).toEqual([]);
  expect(existsSync(oldFolder)).toBe(false);
  expect(f.hoster.counters.mediaBytes).toBe(MEDIA_SIZE);
});

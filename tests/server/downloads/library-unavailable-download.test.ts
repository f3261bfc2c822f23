/**
 * A download whose series folder is missing because the library folder is not mounted waits instead of
 * making the folder on the disk under the mount point, and goes on after a full scan finds the library:
 * the real queue against the catalogue and hoster stand-ins, a real SQLite file and a real library scan.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { series } from "../../../db/schema/index.ts";
import { mediaSha256 } from "../../../scripts/stand-ins/hoster-media.ts";
import { LIBRARY_UNAVAILABLE } from "../../../server/downloads/download-runner.ts";
import { LibraryScanService } from "../../../server/library/library-scan-service.ts";
import { writeSeriesSidecar } from "../../../server/library/series-sidecar.ts";
import { fileSha256 } from "../../helpers/file-sha256.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture();
});
afterEach(() => f.stop());

test("with the library not mounted a download waits, makes no folder, and goes on once a scan finds the library", async () => {
  const name = `${f.sample.titleDe} (${f.sample.startYear})`;
  const folder = join(f.libraryRoot, name);
  // A loaded series: its folder with the NFO the loader wrote, on the share.
  mkdirSync(folder, { recursive: true });
  writeSeriesSidecar(folder, {
    catalogKey: `aniworld:${f.sample.slug}`,
    title: f.sample.titleDe,
    year: f.sample.startYear,
  });
  f.db.db.update(series).set({ nfoLoaded: true }).where(eq(series.id, f.seriesId)).run();
  const share = join(f.libraryRoot, "..", "share");
  mkdirSync(share);
  renameSync(folder, join(share, name)); // unmounted: the mount point is left empty

  const ep = f.addEpisode(2, { languages: ["de"], hosters: ["Vidoza"] });
  f.queue.start();
  const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0];
  if (id === undefined) throw new Error("the episode was not queued");
  const paused = await f.settled(id, ["paused", "completed", "failed"]);
  expect(paused.state).toBe("paused");
  expect(paused.error?.startsWith(LIBRARY_UNAVAILABLE)).toBe(true);
  expect(paused.error).toContain("is its drive or share mounted?");
  expect(readdirSync(f.libraryRoot)).toEqual([]);
  expect(f.hoster.counters.mediaBytes).toBe(0);

  // A scan while it is still not mounted changes nothing; mounted again, the next scan lets it go on.
  const scans = new LibraryScanService(f.db.db, f.libraryRoot, f.settings, f.logger, f.events);
  try {
    expect((await scans.waitFor(scans.requestScan().jobId)).state).toBe("failed");
    expect(f.item(id).state).toBe("paused");
    renameSync(join(share, name), folder);
    expect((await scans.waitFor(scans.requestScan().jobId)).state).toBe("completed");
  } finally {
    scans.close();
  }
  expect((await f.settled(id, ["completed", "failed"])).state).toBe("completed");
  const file = readdirSync(join(folder, "Season 02")).find((n) => n.endsWith(".mp4"));
  expect(file && (await fileSha256(join(folder, "Season 02", file)))).toBe(
    mediaSha256(ep.code("de"), f.hoster.behaviour.mediaSize(ep.code("de"))),
  );
  expect(existsSync(join(share, name))).toBe(false);
});

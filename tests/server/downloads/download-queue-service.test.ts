import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { downloads, episodes } from "../../../db/schema/index.ts";
import { hlsSha256, mediaSha256 } from "../../../scripts/stand-ins/hoster-media.ts";
import { segmentSize } from "../../../scripts/stand-ins/hoster-server.ts";
import { downloadEventOf } from "../../../server/downloads/download-item.ts";
import type { DownloadEvent } from "../../../shared/downloads.ts";
import { DOWNLOAD_TOPICS } from "../../../shared/events.ts";
import { fileSha256 } from "../../helpers/file-sha256.ts";
import { waitFor } from "../../helpers/test-server.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture();
});
afterEach(() => f.stop());

const episodeRow = (id: number) => f.db.db.select().from(episodes).where(eq(episodes.id, id)).get()!;

describe("download queue against the catalogue and hoster stand-ins", () => {
  test("an episode downloads from the first working hoster; file, row and events follow", async () => {
    const ep = f.addEpisode(7, { languages: ["de"], hosters: ["Vidoza", "VOE"] });
    const events: DownloadEvent[] = [];
    f.events.subscribe((stored) => {
      if (DOWNLOAD_TOPICS.includes(stored.event.type)) events.push(downloadEventOf(stored));
    });
    f.queue.start();
    const { queued } = f.queue.enqueue({ episodeIds: [ep.id] });
    const item = await f.settled(queued[0]!);
    expect(item).toMatchObject({
      state: "completed",
      language: "de",
      hoster: "VOE",
      note: expect.stringContaining("ffmpeg"),
    });
    // VOE (first in the hoster order) serves HLS; without ffmpeg the .ts is kept.
    const row = episodeRow(ep.id);
    expect(row.filePath).toMatch(/^[^/]+ \(\d{4}\)\/Season 07\/.+ - S07E\d\d - .+ \[German Dub\]\.ts$/);
    expect(row.fileLanguage).toBe("de");
    const abs = join(f.libraryRoot, row.filePath!);
    const sizes = Array.from({ length: f.hoster.behaviour.hlsSegments }, (_, i) =>
      segmentSize(f.hoster.behaviour, i),
    );
    expect(await fileSha256(abs)).toBe(hlsSha256(ep.code("de"), "high", sizes));
    expect(row.fileSize).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(events.some((e) => e.type === "progress" && e.id === item.id)).toBe(true);
    const states = events.flatMap((e) => (e.type === "item" && e.item.id === item.id ? [e.item.state] : []));
    expect(states).toEqual(["queued", "resolving", "downloading", "completed"]);
  });

  test("hoster fallback: a captcha on VOE and a 404 on Vidoza media lead to Doodstream (Streamtape, last in the order, is never tried)", async () => {
    const ep = f.addEpisode(7, { languages: ["de"], hosters: ["VOE", "Vidoza", "Streamtape", "Doodstream"] });
    f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "captcha";
    f.hoster.behaviour.variants[`vidoza/${ep.code("de")}`] = "media404";
    f.settings.update({ hosterOrder: ["VOE", "Vidoza", "Doodstream", "Streamtape"] });
    f.queue.start();
    const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
    f.settings.reset("hosterOrder");
    expect(item.state).toBe("completed");
    expect(item.hoster).toBe("Doodstream");
    // Every attempt is recorded, the delivering hoster too.
    expect(item.attemptLog.map((a) => [a.hoster, a.language, a.ok === true])).toEqual([
      ["VOE", "de", false],
      ["Vidoza", "de", false],
      ["Doodstream", "de", true],
    ]);
    expect(item.attemptLog[0]!.error).toContain("blocking this server: set a FlareSolverr URL");
    expect(item.attemptLog[0]!.reason).toBe("blocked");
    expect(item.attemptLog[1]!.error).toContain("404");
    const abs = join(f.libraryRoot, episodeRow(ep.id).filePath!);
    expect(abs.endsWith(".mp4")).toBe(true);
    expect(await fileSha256(abs)).toBe(
      mediaSha256(ep.code("de"), f.hoster.behaviour.mediaSize(ep.code("de"))),
    );
    // Nothing left behind by the failed hosters.
    expect(readdirSync(join(abs, "..")).filter((n) => n.endsWith(".part"))).toEqual([]);
  });

  test("language fallback: German Dub gone everywhere → German Sub; the name says so", async () => {
    const ep = f.addEpisode(7, { languages: ["de", "de-sub", "en-sub"], hosters: ["Vidoza"] });
    f.hoster.behaviour.variants[`vidoza/${ep.code("de")}`] = "gone";
    f.queue.start();
    const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
    expect(item).toMatchObject({ state: "completed", language: "de-sub" });
    expect(item.attemptLog).toHaveLength(2);
    expect(item.attemptLog[1]).toMatchObject({ hoster: "Vidoza", language: "de-sub", ok: true });
    expect(item.attemptLog[0]).toMatchObject({ hoster: "Vidoza", language: "de" });
    expect(item.attemptLog[0]!.error).toContain("410");
    expect(episodeRow(ep.id).filePath).toContain("[German Sub]");
  });

  test("no usable source: the item fails with every attempt's reason", async () => {
    const ep = f.addEpisode(7, { languages: ["de", "en-sub"], hosters: ["VOE", "Vidoza", "Mixdrop"] });
    f.settings.update({ hosterOrder: ["VOE", "Vidoza", "Mixdrop"] });
    f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "not_found";
    f.hoster.behaviour.variants[`vidoza/${ep.code("de")}`] = "stall";
    f.hoster.behaviour.variants[`voe/${ep.code("en-sub")}`] = "garbage";
    f.hoster.behaviour.variants[`vidoza/${ep.code("en-sub")}`] = "captcha";
    f.queue.start();
    const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
    expect(item.state).toBe("failed");
    expect(item.attemptLog).toHaveLength(6);
    expect(item.attempts).toBe(6);
    const reasons = item.attemptLog.map((a) => `${a.hoster}/${a.language}: ${a.error}`);
    expect(reasons[0]).toContain("VOE/de: VOE: video not found (404)");
    expect(reasons[1]).toMatch(/Vidoza\/de: no data for/);
    expect(reasons[2]).toContain("Mixdrop/de: no extractor");
    expect(reasons[3]).toContain("VOE/en-sub: VOE: no source payload");
    expect(reasons[4]).toContain("Vidoza/en-sub: Vidoza: 127.0.0.1");
    expect(reasons[4]).toContain("is blocking this server");
    expect(item.error).toContain("no usable source");
    expect(episodeRow(ep.id).filePath).toBeNull();
    f.settings.reset("hosterOrder");
  });

  test("a language the series does not allow is never tried", async () => {
    const ep = f.addEpisode(7, { languages: ["en"], hosters: ["Vidoza"] });
    const result = f.queue.enqueue({ episodeIds: [ep.id] });
    expect(result.queued).toEqual([]);
    expect(result.skipped[0]!.reason).toContain("allowed language");
    f.settings.update({ languages: ["de", "en"] });
    expect(f.queue.enqueue({ episodeIds: [ep.id] }).queued).toHaveLength(1);
  });

  test("one active download per episode; series and season enqueue take only missing episodes", async () => {
    const a = f.addEpisode(8, { languages: ["de"], hosters: ["Vidoza"] });
    const b = f.addEpisode(8, { languages: ["de"], hosters: ["Vidoza"] });
    f.db.db.update(episodes).set({ filePath: "x/y.mkv" }).where(eq(episodes.id, b.id)).run();
    const first = f.queue.enqueue({ seriesId: f.seriesId, season: 8 });
    expect(first.queued).toHaveLength(1);
    expect(first.skipped).toEqual([]);
    const again = f.queue.enqueue({ episodeIds: [a.id, b.id, 999_999] });
    expect(again.queued).toEqual([]);
    expect(again.skipped.map((s) => s.reason).sort()).toEqual([
      "already in the queue",
      "already on disk",
      "no such episode",
    ]);
    expect(() => f.queue.enqueue({ seriesId: 424242 })).toThrow(/no series/);
    expect(f.db.db.select().from(downloads).all()).toHaveLength(1);
  });

  test("pause, resume, move, cancel, retry and remove finished", async () => {
    const eps = [1, 2, 3].map(() => f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] }));
    const ids = f.queue.enqueue({ episodeIds: eps.map((e) => e.id) }).queued;
    f.queue.move(ids[2]!, 0);
    expect(f.queue.list().map((i) => i.id)).toEqual([ids[2]!, ids[0]!, ids[1]!]);
    f.queue.pause(ids[0]!);
    await f.queue.cancel(ids[1]!);
    expect(() => f.queue.resume(ids[2]!)).toThrow(/cannot be resumed/);
    f.queue.start();
    await f.settled(ids[2]!, ["completed"]);
    expect(f.item(ids[0]!).state).toBe("paused");
    expect(f.item(ids[1]!).state).toBe("cancelled");
    f.queue.resume(ids[0]!);
    await f.settled(ids[0]!, ["completed"]);
    f.queue.retry(ids[1]!);
    await f.settled(ids[1]!, ["completed"]);
    expect(() => f.queue.retry(ids[1]!)).toThrow(/only failed or cancelled/);
    expect((await f.queue.removeFinished()).sort()).toEqual(
      [ids[0]!, ids[1]!, ids[2]!].sort((x, y) => x - y),
    );
    expect(f.queue.list()).toEqual([]);
  });

  test("move counts waiting items only: a running download does not shift the target", async () => {
    f.hoster.behaviour.throttleBytesPerSecond = 256 * 1024;
    f.hoster.behaviour.mediaSize = () => 4 * 1024 * 1024;
    f.settings.update({ downloadConcurrency: 1 });
    const eps = [1, 2, 3, 4].map(() => f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] }));
    f.queue.start();
    const ids = f.queue.enqueue({ episodeIds: eps.map((e) => e.id) }).queued;
    await waitFor(() => f.item(ids[0]!).state === "downloading", "the first one running");
    // Waiting: [1, 2, 3]; moving 3 to waiting position 1 gives [1, 3, 2].
    f.queue.move(ids[3]!, 1);
    expect(f.queue.list().map((i) => i.id)).toEqual([ids[0]!, ids[1]!, ids[3]!, ids[2]!]);
    expect(() => f.queue.move(ids[0]!, 2)).toThrow(/only waiting/);
    f.queue.pause();
    await f.queue.idle();
  });

  test("pause all / resume all; a running transfer paused keeps its .part and resumes from it", async () => {
    f.hoster.behaviour.throttleBytesPerSecond = 1024 * 1024;
    f.hoster.behaviour.mediaSize = () => 3 * 1024 * 1024;
    const ep = f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] });
    f.queue.start();
    const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!;
    await waitFor(() => f.item(id).bytesDone > 300_000, "some bytes");
    f.queue.pause();
    await f.settled(id, ["paused"]);
    await f.queue.idle();
    const parts = readdirSync(join(f.libraryRoot, f.item(id).targetPath!, "..")).filter((n) =>
      n.endsWith(".part"),
    );
    expect(parts).toHaveLength(1);
    const before = f.hoster.counters.mediaBytes;
    f.hoster.behaviour.throttleBytesPerSecond = 0;
    f.queue.resume();
    const done = await f.settled(id, ["completed"]);
    // Pausing is the user's choice, not a failed try: the log holds only the delivering one.
    expect(done.attempts).toBe(0);
    expect(done.attemptLog.map((a) => ({ hoster: a.hoster, ok: a.ok }))).toEqual([
      { hoster: "Vidoza", ok: true },
    ]);
    expect(f.hoster.counters.mediaBytes - before).toBeLessThan(3 * 1024 * 1024);
    expect(await fileSha256(join(f.libraryRoot, done.targetPath!))).toBe(
      mediaSha256(ep.code("de"), 3 * 1024 * 1024),
    );
  });

  test("not enough disk space pauses the item with a clear error instead of failing it", async () => {
    const ep = f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] });
    f.queue = f.make({ keepFreeBytes: Number.MAX_SAFE_INTEGER });
    f.queue.start();
    const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
    expect(item.state).toBe("paused");
    expect(item.error).toContain("not enough free disk space");
  });

  test("the queue survives a restart: a running item resumes from its .part, nothing doubles", async () => {
    const size = 4 * 1024 * 1024;
    f.hoster.behaviour.throttleBytesPerSecond = 2 * 1024 * 1024;
    f.hoster.behaviour.mediaSize = () => size;
    const ep = f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] });
    const waiting = f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] });
    f.settings.update({ downloadConcurrency: 1 });
    f.queue.start();
    const [id, second] = f.queue.enqueue({ episodeIds: [ep.id, waiting.id] }).queued;
    await waitFor(() => f.item(id!).bytesDone > 500_000, "some bytes");
    await f.queue.stop();
    expect(f.item(id!).state).toBe("downloading");
    const fetched = f.hoster.counters.mediaBytes;
    f.reopen();
    f.hoster.behaviour.throttleBytesPerSecond = 0;
    f.queue.start();
    await f.settled(id!, ["completed"]);
    await f.settled(second!, ["completed"]);
    const refetched = f.hoster.counters.mediaBytes - fetched - size; // minus the second episode
    expect(refetched).toBeLessThan(size);
    expect(f.hoster.counters.rangeRequests).toBeGreaterThanOrEqual(1);
    expect(await fileSha256(join(f.libraryRoot, episodeRow(ep.id).filePath!))).toBe(
      mediaSha256(ep.code("de"), size),
    );
    expect(f.db.db.select().from(downloads).all()).toHaveLength(2);
    expect(existsSync(join(f.libraryRoot, `${f.item(id!).targetPath}.part`))).toBe(false);
  });
});

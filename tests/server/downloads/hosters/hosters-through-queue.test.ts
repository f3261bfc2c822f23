import { afterEach, beforeEach, expect, test } from "bun:test";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { episodes } from "../../../../db/schema/index.ts";
import { hlsSha256, mediaSha256 } from "../../../../scripts/stand-ins/hoster-media.ts";
import { segmentSize } from "../../../../scripts/stand-ins/hoster-server.ts";
import { fileSha256 } from "../../../helpers/file-sha256.ts";
import { type QueueFixture, startQueueFixture } from "../queue-fixture.ts";

/** The hosters' newer shapes end to end: catalogue redirect → extractor → transfer → file in the library. */
let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture();
});
afterEach(() => f.stop());

const fileOf = (id: number) => {
  const path = f.db.db.select().from(episodes).where(eq(episodes.id, id)).get()?.filePath;
  if (!path) throw new Error(`episode ${id} has no file`);
  return join(f.libraryRoot, path);
};

test("SpeedFiles: the decoded direct MP4 downloads into the library", async () => {
  const ep = f.addEpisode(4, { languages: ["de"], hosters: ["SpeedFiles"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0] ?? -1);
  expect(item).toMatchObject({ state: "completed", hoster: "SpeedFiles", language: "de" });
  const code = ep.code("de");
  expect(fileOf(ep.id).endsWith(".mp4")).toBe(true);
  expect(await fileSha256(fileOf(ep.id))).toBe(mediaSha256(code, f.hoster.behaviour.mediaSize(code)));
});

test("SpeedFiles down (Cloudflare 521): the queue records why and takes the next hoster", async () => {
  const ep = f.addEpisode(4, { languages: ["de"], hosters: ["SpeedFiles", "Vidoza"] });
  f.hoster.behaviour.variants[`speedfiles/${ep.code("de")}`] = "down";
  f.settings.update({ hosterOrder: ["SpeedFiles", "Vidoza"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0] ?? -1);
  expect(item).toMatchObject({ state: "completed", hoster: "Vidoza" });
  expect(item.attemptLog.map((a) => [a.hoster, a.ok === true])).toEqual([
    ["SpeedFiles", false],
    ["Vidoza", true],
  ]);
  expect(item.attemptLog[0]?.error).toBe("SpeedFiles: the hoster's web server is down (HTTP 521)");
  const code = ep.code("de");
  expect(await fileSha256(fileOf(ep.id))).toBe(mediaSha256(code, f.hoster.behaviour.mediaSize(code)));
});

test("any hoster whose page is Cloudflare's 'Web server is down' (even with status 200) is recorded as down, like a 521; the queue takes the next hoster", async () => {
  const ep = f.addEpisode(4, { languages: ["de"], hosters: ["VOE", "Vidoza"] });
  f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "down_page";
  f.settings.update({ hosterOrder: ["VOE", "Vidoza"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0] ?? -1);
  expect(item).toMatchObject({ state: "completed", hoster: "Vidoza" });
  expect(item.attemptLog.map((a) => [a.hoster, a.ok === true, a.reason])).toEqual([
    ["VOE", false, "http"],
    ["Vidoza", true, undefined],
  ]);
  expect(item.attemptLog[0]?.error).toBe("VOE: the hoster's web server is down (HTTP 521)");
});

test.each([
  ["byse_details", "embed/playback"],
  ["byse_post", "embed/playback"],
  ["byse_post_playback", "playback"],
] as const)(
  "Filemoon whose old API endpoint 404s (%s): the stream comes through %s",
  async (variant, last) => {
    const ep = f.addEpisode(4, { languages: ["de"], hosters: ["Filemoon"] });
    const code = ep.code("de");
    f.hoster.behaviour.variants[`filemoon/${code}`] = variant;
    f.queue.start();
    const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0] ?? -1);
    expect(item).toMatchObject({ state: "completed", hoster: "Filemoon" });
    expect(item.attemptLog).toHaveLength(1);
    expect(f.hoster.counters.paths).toContain(`/api/videos/${code}/${last}`);
    const sizes = Array.from({ length: f.hoster.behaviour.hlsSegments }, (_, i) =>
      segmentSize(f.hoster.behaviour, i),
    );
    expect(await fileSha256(fileOf(ep.id))).toBe(hlsSha256(code, "high", sizes));
  },
);

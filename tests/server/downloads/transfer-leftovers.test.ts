/**
 * What an interrupted HLS download with a separate audio rendition leaves in the library folder: the real
 * queue against the catalogue and hoster stand-ins, the hoster serving the audio in its own playlist.
 * Cancelled, or failed over to another hoster, the episode's folder holds nothing of the transfer.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { episodes } from "../../../db/schema/index.ts";
import { waitFor } from "../../helpers/test-server.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

const AUDIO_SEGMENTS = 3;
let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture({ hlsAudioSegments: AUDIO_SEGMENTS });
});
afterEach(() => f.stop());

/** The folder the download writes into (known once a source was chosen). */
const folderOf = (id: number) => {
  const target = f.item(id).targetPath;
  if (!target) throw new Error(`download ${id} has no target yet`);
  return dirname(join(f.libraryRoot, target));
};
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Starts a download whose VOE audio rendition stalls after its first segment; resolves once that is on disk. */
async function stalledInAudio(): Promise<{ id: number; dir: string }> {
  const ep = f.addEpisode(7, { languages: ["de"], hosters: ["VOE"] });
  f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "audio_stall";
  // Long enough that the stalled segment is still waited for when the test stops it.
  f.queue = f.make({ stallMs: 60_000 });
  f.queue.start();
  const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!;
  await waitFor(
    () => f.item(id).targetPath !== null && filesIn(folderOf(id)).some((n) => n.endsWith(".audio.json")),
    "the first audio segment on disk",
  );
  const dir = folderOf(id);
  // The video part is complete and the audio rendition half-way: its part and resume state are there.
  expect(filesIn(dir).filter((n) => n.includes(".audio"))).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/\.ts\.part\.audio$/),
      expect.stringMatching(/\.audio\.json$/),
    ]),
  );
  return { id, dir };
}

test("cancelling a running HLS download with separate audio leaves none of its files", async () => {
  const { id, dir } = await stalledInAudio();
  await f.queue.cancel(id);
  expect(f.item(id).state).toBe("cancelled");
  expect(filesIn(dir)).toEqual([]);
});

test("a paused HLS download keeps its audio part to resume from; cancelled, it leaves nothing", async () => {
  const { id, dir } = await stalledInAudio();
  f.queue.pause(id);
  await f.settled(id, ["paused"]);
  await f.queue.idle();
  expect(filesIn(dir).some((n) => n.endsWith(".ts.part.audio"))).toBe(true);
  await f.queue.cancel(id);
  expect(filesIn(dir)).toEqual([]);
});

test("an audio rendition that breaks fails over to a direct file; nothing of the HLS try is left", async () => {
  const ep = f.addEpisode(7, { languages: ["de"], hosters: ["VOE", "Vidoza"] });
  f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "audio_gone";
  f.settings.update({ hosterOrder: ["VOE", "Vidoza"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
  f.settings.reset("hosterOrder");
  expect(item.state).toBe("completed");
  expect(item.attemptLog.map((a) => [a.hoster, a.ok === true])).toEqual([
    ["VOE", false],
    ["Vidoza", true],
  ]);
  expect(item.attemptLog[0]!.error).toContain("404");
  const file = f.db.db.select().from(episodes).where(eq(episodes.id, ep.id)).get()!.filePath!;
  expect(file.endsWith(".mp4")).toBe(true);
  expect(filesIn(folderOf(item.id))).toEqual([basename(file)]);
});

test("failed over to another HLS hoster, the audio starts afresh instead of resuming the first hoster's bytes", async () => {
  const ep = f.addEpisode(7, { languages: ["de"], hosters: ["VOE", "Vidmoly"] });
  f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "audio_gone";
  f.settings.update({ hosterOrder: ["VOE", "Vidmoly"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
  f.settings.reset("hosterOrder");
  expect(item.state).toBe("completed");
  expect(item.hoster).toBe("Vidmoly");
  const code = encodeURIComponent(ep.code("de"));
  const audioFrom = (hoster: string) =>
    f.hoster.counters.paths.filter((p) => p.startsWith(`/hls/${hoster}/${code}/audio/seg-`)).sort();
  // VOE delivered the first audio segment (its bytes were on disk when it failed); Vidmoly's audio has all of its own.
  expect(audioFrom("voe")).toContain(`/hls/voe/${code}/audio/seg-0.aac`);
  expect(audioFrom("vidmoly")).toEqual(
    Array.from({ length: AUDIO_SEGMENTS }, (_, i) => `/hls/vidmoly/${code}/audio/seg-${i}.aac`),
  );
  const file = f.db.db.select().from(episodes).where(eq(episodes.id, ep.id)).get()!.filePath!;
  expect(filesIn(folderOf(item.id))).toEqual([basename(file)]);
});

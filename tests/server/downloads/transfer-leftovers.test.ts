/**
 * What an interrupted HLS download with a separate audio rendition leaves in the library folder: the real
 * queue against the catalogue and hoster stand-ins, the hoster serving the audio in its own playlist.
 * Cancelled, or failed over to another hoster, the episode's folder holds nothing of the transfer.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { downloads, episodes } from "../../../db/schema/index.ts";
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

/**
 * Starts a download whose VOE audio rendition stalls after its first segment (the episode is offered by
 * `hosters`, VOE first); resolves once that segment is on disk.
 */
async function stalledInAudio(hosters = ["VOE"]) {
  const ep = f.addEpisode(7, { languages: ["de"], hosters });
  const code = ep.code("de");
  f.hoster.behaviour.variants[`voe/${code}`] = "audio_stall";
  f.settings.update({ hosterOrder: hosters });
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
  return { id, dir, code, episodeId: ep.id };
}

/** How often each media path of one hoster and code was asked for, e.g. {"high/seg-0.ts": 1}. */
function requestsOf(hoster: string, code: string): Record<string, number> {
  const prefix = `/hls/${hoster}/${encodeURIComponent(code)}/`;
  const counts: Record<string, number> = {};
  for (const p of f.hoster.counters.paths)
    if (p.startsWith(prefix) && p.includes("/seg-")) {
      const key = p.slice(prefix.length);
      counts[key] = (counts[key] ?? 0) + 1;
    }
  return counts;
}

async function pause(id: number): Promise<void> {
  f.queue.pause(id);
  await f.settled(id, ["paused"]);
  await f.queue.idle();
}

test("cancelling a running HLS download with separate audio leaves none of its files", async () => {
  const { id, dir } = await stalledInAudio();
  await f.queue.cancel(id);
  expect(f.item(id).state).toBe("cancelled");
  expect(filesIn(dir)).toEqual([]);
});

test("a paused HLS download keeps its audio part to resume from; cancelled, it leaves nothing", async () => {
  const { id, dir } = await stalledInAudio();
  await pause(id);
  expect(filesIn(dir).some((n) => n.endsWith(".ts.part.audio"))).toBe(true);
  await f.queue.cancel(id);
  expect(filesIn(dir)).toEqual([]);
});

test("resumed, an HLS download interrupted in its audio rendition fetches neither the video nor the first audio segment again", async () => {
  const { id, dir, code } = await stalledInAudio();
  await pause(id);
  f.hoster.behaviour.variants[`voe/${code}`] = "ok";
  f.queue.resume(id);
  const done = await f.settled(id, ["completed"]);
  const requests = requestsOf("voe", code);
  for (let i = 0; i < f.hoster.behaviour.hlsSegments; i++) expect(requests[`high/seg-${i}.ts`]).toBe(1);
  expect(requests["audio/seg-0.aac"]).toBe(1);
  expect(requests[`audio/seg-${AUDIO_SEGMENTS - 1}.aac`]).toBeGreaterThanOrEqual(1);
  expect(filesIn(dir)).toEqual([basename(done.targetPath!)]);
});

test("a new download never resumes parts it did not write (a download removed while its files were kept)", async () => {
  const { id, dir, code, episodeId } = await stalledInAudio(["VOE", "Vidmoly"]);
  await pause(id);
  // Removing a series keeps its folder when asked to; its download rows go with it (the cascade).
  f.db.db.delete(downloads).where(eq(downloads.id, id)).run();
  f.hoster.behaviour.variants[`voe/${code}`] = "captcha";
  const again = await f.settled(f.queue.enqueue({ episodeIds: [episodeId] }).queued[0]!);
  expect(again).toMatchObject({ state: "completed", hoster: "Vidmoly" });
  const requests = requestsOf("vidmoly", code);
  for (let i = 0; i < f.hoster.behaviour.hlsSegments; i++) expect(requests[`high/seg-${i}.ts`]).toBe(1);
  for (let i = 0; i < AUDIO_SEGMENTS; i++) expect(requests[`audio/seg-${i}.aac`]).toBe(1);
  expect(filesIn(dir)).toEqual([basename(again.targetPath!)]);
});

test("an audio rendition that breaks fails over to a direct file; nothing of the HLS try is left", async () => {
  const ep = f.addEpisode(7, { languages: ["de"], hosters: ["VOE", "Vidoza"] });
  f.hoster.behaviour.variants[`voe/${ep.code("de")}`] = "audio_gone";
  f.settings.update({ hosterOrder: ["VOE", "Vidoza"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
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
  const code = ep.code("de");
  f.hoster.behaviour.variants[`voe/${code}`] = "audio_gone";
  f.settings.update({ hosterOrder: ["VOE", "Vidmoly"] });
  f.queue.start();
  const item = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0]!);
  expect(item).toMatchObject({ state: "completed", hoster: "Vidmoly" });
  // VOE delivered the first audio segment (on disk when it failed); Vidmoly's audio is all its own.
  expect(requestsOf("voe", code)["audio/seg-0.aac"]).toBe(1);
  const vidmoly = requestsOf("vidmoly", code);
  for (let i = 0; i < AUDIO_SEGMENTS; i++) expect(vidmoly[`audio/seg-${i}.aac`]).toBe(1);
  expect(filesIn(folderOf(item.id))).toEqual([basename(item.targetPath!)]);
});

test("a download that failed with its parts kept (to resume on a retry) leaves nothing once removed from the history", async () => {
  const { id, dir } = await stalledInAudio();
  await pause(id);
  f.catalogue.inject(`/anime/stream/${f.sample.slug}`, { kind: "status", status: 404 });
  f.queue.resume(id);
  expect(await f.settled(id, ["failed"])).toMatchObject({ error: expect.stringContaining("catalogue") });
  await f.queue.idle();
  expect(filesIn(dir).some((n) => n.endsWith(".ts.part.audio"))).toBe(true);
  expect(await f.queue.removeFinished([id])).toEqual([id]);
  expect(filesIn(dir)).toEqual([]);
});

test("removing a cancelled download from the history leaves the files of the episode's new download", async () => {
  const { id, dir, episodeId } = await stalledInAudio();
  await f.queue.cancel(id);
  const again = f.queue.enqueue({ episodeIds: [episodeId] }).queued[0]!;
  await waitFor(
    () => filesIn(dir).some((n) => n.endsWith(".audio.json")),
    "the new download's audio on disk",
  );
  const before = filesIn(dir);
  expect(await f.queue.removeFinished([id])).toEqual([id]);
  expect(filesIn(dir)).toEqual(before);
  expect(f.item(again).state).toBe("downloading");
});

import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { episodes, series } from "../../../db/schema/index.ts";
import { startTmdbServer, type TmdbServer } from "../../../scripts/stand-ins/tmdb-server.ts";
import { createMetadataWriter } from "../../../server/metadata/metadata-writer.ts";
import { decodeJpegHeader } from "../../helpers/image-check.ts";
import { recordingHttp, TMDB_KEY } from "../../helpers/stand-ins.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

let f: QueueFixture;
let tmdb: TmdbServer;
beforeEach(async () => {
  f = await startQueueFixture();
  tmdb = startTmdbServer({ apiKey: TMDB_KEY, series: f.catalogue.series });
  // The loader would have matched the series on TMDB; the queue only reads the stored id.
  f.db.db.update(series).set({ tmdbId: f.sample.tmdbId }).where(eq(series.id, f.seriesId)).run();
  const finisher = createMetadataWriter({
    libraryRoot: f.libraryRoot,
    language: "de-DE",
    catalog: { baseUrl: f.catalogue.url },
    tmdb: { apiKey: TMDB_KEY, baseUrl: tmdb.apiUrl, imageBaseUrl: tmdb.imageUrl },
    http: recordingHttp().http,
  });
  f.queue = f.make({ finisher });
});
afterEach(async () => {
  await f.stop();
  await tmdb.stop();
});

const videoOf = (id: number) =>
  join(f.libraryRoot, f.db.db.select().from(episodes).where(eq(episodes.id, id)).get()!.filePath!);

test("a finished download gets its NFO and <video>-thumb.jpg from the TMDB still; a bad still becomes the note", async () => {
  expect(f.sample.tmdbId).not.toBeNull();
  const good = f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] });
  const bad = f.addEpisode(9, { languages: ["de"], hosters: ["Vidoza"] });
  const badNumber = Number(/e(\d+)-/.exec(bad.code("de"))![1]);
  tmdb.inject(`/t/p/original/e${f.sample.tmdbId! * 10_000 + 9000 + badNumber}.jpg`, { kind: "garbage" });
  f.queue.start();
  const { queued } = f.queue.enqueue({ episodeIds: [good.id, bad.id] });
  const [first, second] = [await f.settled(queued[0]!), await f.settled(queued[1]!)];

  expect(first).toMatchObject({ state: "completed", note: null });
  const video = videoOf(good.id);
  const thumb = video.replace(/\.mp4$/, "-thumb.jpg");
  expect(decodeJpegHeader(await Bun.file(thumb).bytes())).toEqual({ width: 64, height: 36 });
  const nfo = await Bun.file(video.replace(/\.mp4$/, ".nfo")).text();
  expect(nfo).toContain(`<thumb>${thumb.split("/").at(-1)}</thumb>`);

  // The file is fine, so the item completes; the thumbnail trouble is said once, in the note.
  expect(second.state).toBe("completed");
  expect(second.note).toMatch(/^episode thumbnail not written: /);
  const badVideo = videoOf(bad.id);
  expect(existsSync(badVideo.replace(/\.mp4$/, "-thumb.jpg"))).toBe(false);
  expect(await Bun.file(badVideo.replace(/\.mp4$/, ".nfo")).text()).not.toContain("<thumb>");
});

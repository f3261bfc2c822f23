import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { episodes, series } from "../../../db/schema/index.ts";
import { MAX_SEGMENT_BYTES } from "../../../shared/naming.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture();
});
afterEach(() => f.stop());

const episodeRow = (id: number) => f.db.db.select().from(episodes).where(eq(episodes.id, id)).get();

test("seven episodes of a series with a 500-character title complete into seven files", async () => {
  const title = "A Title That Goes On ".repeat(24).trim();
  f.db.db.update(series).set({ title }).where(eq(series.id, f.seriesId)).run();
  const ids = Array.from({ length: 7 }, () => f.addEpisode(1, { languages: ["de"], hosters: ["Vidoza"] }).id);
  f.queue.start();
  const { queued } = f.queue.enqueue({ episodeIds: ids });
  for (const id of queued) expect((await f.settled(id)).state).toBe("completed");
  const paths = ids.map((id) => episodeRow(id)?.filePath ?? "");
  expect(new Set(paths).size).toBe(7);
  for (const [i, path] of paths.entries()) {
    const file = path.split("/").pop() ?? "";
    expect(new TextEncoder().encode(file.replace(/\.[^.]+$/, "")).length).toBeLessThanOrEqual(
      MAX_SEGMENT_BYTES,
    );
    expect(file).toContain(`S01E${String(episodeRow(ids[i] ?? 0)?.number).padStart(2, "0")}`);
    expect(file).toContain("[German Dub]");
    expect(existsSync(join(f.libraryRoot, path))).toBe(true);
  }
});

test("a file name already recorded for another episode is never written over; the download fails and says why", async () => {
  const first = f.addEpisode(1, { languages: ["de"], hosters: ["Vidoza"] });
  const second = f.addEpisode(1, { languages: ["de"], hosters: ["Vidoza"] });
  f.settings.update({ namingTemplate: "Season {season:00}/{series} S{season:00}E{episode:00}" });
  f.queue.start();
  const done = await f.settled(f.queue.enqueue({ episodeIds: [first.id] }).queued[0] ?? 0);
  expect(done.state).toBe("completed");
  const firstPath = episodeRow(first.id)?.filePath ?? "";
  const firstBytes = readFileSync(join(f.libraryRoot, firstPath));
  // The library holds the first episode's file under the name the second one renders to, as a scan of
  // hand-placed files can record it: downloading the second must not replace it.
  const secondName = firstPath.replace(
    /S01E(\d+)/,
    `S01E${String(episodeRow(second.id)?.number).padStart(2, "0")}`,
  );
  renameSync(join(f.libraryRoot, firstPath), join(f.libraryRoot, secondName));
  f.db.db.update(episodes).set({ filePath: secondName }).where(eq(episodes.id, first.id)).run();

  const failed = await f.settled(f.queue.enqueue({ episodeIds: [second.id] }).queued[0] ?? 0);
  expect(failed.state).toBe("failed");
  expect(failed.error).toContain("already used by S01E");
  expect(readFileSync(join(f.libraryRoot, secondName)).equals(firstBytes)).toBe(true);
});

test("bidi controls and zero-width characters in a catalogue title never reach the file name on disk", async () => {
  const ep = f.addEpisode(1, {
    languages: ["de"],
    hosters: ["Vidoza"],
    titleDe: "Harmless\u202Egpj.exe\u200B Ti\u200Dtle\u2066",
  });
  f.queue.start();
  const done = await f.settled(f.queue.enqueue({ episodeIds: [ep.id] }).queued[0] ?? 0);
  expect(done.state).toBe("completed");
  const path = episodeRow(ep.id)?.filePath ?? "";
  expect(path).toContain("Harmlessgpj.exe Title");
  expect(path).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  expect(existsSync(join(f.libraryRoot, path))).toBe(true);
});

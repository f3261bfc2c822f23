import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { episodes, series } from "../../../db/schema/index.ts";
import { MonitorService } from "../../../server/downloads/monitor-service.ts";
import { expectCountersMatchEpisodes } from "../../helpers/counters.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture();
});
afterEach(() => f.stop());

test("a new episode of a monitored series appears in the catalogue: the check adds it, queues it and it downloads", async () => {
  // The library already holds every episode the catalogue lists (in the series' folder).
  mkdirSync(join(f.libraryRoot, `${f.sample.titleDe} (${f.sample.startYear})`, "x"), { recursive: true });
  for (const [season, list] of f.sample.seasons)
    for (const e of list)
      f.db.db
        .insert(episodes)
        .values({
          seriesId: f.seriesId,
          season,
          number: e.number,
          languages: e.languages,
          filePath: `${f.sample.titleDe} (${f.sample.startYear})/x/s${season}e${e.number}.mkv`,
          updatedAt: 0,
        })
        .run();
  const monitor = new MonitorService({
    db: f.db.db,
    settings: f.settings,
    catalog: f.provider,
    queue: f.queue,
    logger: f.logger,
  });
  f.queue.start();

  // Not monitored yet: nothing happens.
  expect(await monitor.checkNow()).toMatchObject({ series: 0, added: 0, queued: 0 });
  f.db.db.update(series).set({ monitored: true }).where(eq(series.id, f.seriesId)).run();
  expect(await monitor.checkNow()).toMatchObject({ series: 1, added: 0, queued: 0, failures: [] });

  const fresh = f.catalogue.addEpisode(f.sample.slug, 1, {
    languages: ["de-sub", "en-sub"],
    hosters: ["Vidoza"],
  });
  const report = await monitor.checkNow();
  expect(report).toMatchObject({ series: 1, added: 1, queued: 1 });
  const row = f.db.db
    .select()
    .from(episodes)
    .where(and(eq(episodes.seriesId, f.seriesId), eq(episodes.season, 1), eq(episodes.number, fresh.number)))
    .get()!;
  expect(row.languages).toEqual(["de-sub", "en-sub"]);
  const [item] = f.queue.list();
  expect(item!.episodeId).toBe(row.id);
  await f.settled(item!.id, ["completed"]);
  const done = f.db.db.select().from(episodes).where(eq(episodes.id, row.id)).get()!;
  expect(done.fileLanguage).toBe("de-sub");
  expect(existsSync(join(f.libraryRoot, done.filePath!))).toBe(true);
  expectCountersMatchEpisodes(f.db.db);
  // A second check finds nothing new and does not queue the episode again.
  expect(await monitor.checkNow()).toMatchObject({ added: 0, queued: 0 });
  expect(f.queue.list()).toHaveLength(1);
});

test("an episode offered only in a language that is not allowed is added but not queued", async () => {
  f.db.db
    .update(series)
    .set({ monitored: true, languages: ["de"] })
    .where(eq(series.id, f.seriesId))
    .run();
  for (const [season, list] of f.sample.seasons)
    for (const e of list)
      f.db.db
        .insert(episodes)
        .values({ seriesId: f.seriesId, season, number: e.number, filePath: "x", updatedAt: 0 })
        .run();
  f.catalogue.addEpisode(f.sample.slug, 1, { languages: ["en-sub"], hosters: ["Vidoza"] });
  const monitor = new MonitorService({
    db: f.db.db,
    settings: f.settings,
    catalog: f.provider,
    queue: f.queue,
    logger: f.logger,
  });
  expect(await monitor.checkNow()).toMatchObject({ added: 1, queued: 0 });
});

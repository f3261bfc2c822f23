import { expect, test } from "bun:test";
import { LoadingRepository } from "../../db/repositories/loading-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import { EventsService } from "../../server/events/events-service.ts";
import { isSeriesLoadingEvent } from "../../shared/events.ts";
import type { LoadingStatusUpdate } from "../../shared/series-loading.ts";
import { databasePerTest } from "../helpers/database-per-test.ts";

const handle = databasePerTest();

function setup() {
  const events = new EventsService(handle().db);
  const published: LoadingStatusUpdate[] = [];
  events.subscribe((s) => {
    if (isSeriesLoadingEvent(s.event)) published.push(s.event);
  });
  const series = new SeriesRepository(handle().db);
  return { events, published, series, loading: new LoadingRepository(handle().db, events) };
}

test("results applied together are one transaction and one event: the state after the last", () => {
  const { events, published, series, loading } = setup();
  const row = series.insertAdded("aniworld:x", "X", "X", 1);
  const before = events.log.lastId();
  const after = loading.apply(row.id, [
    { type: "done", result: { step: "nfo", tmdbId: 7, imdbId: "tt0000007" } },
    { type: "done", result: { step: "logo", unavailable: false } },
    { type: "started", step: "images" },
  ]);
  expect(after).toMatchObject({
    nfoLoaded: true,
    logoLoaded: true,
    tmdbId: 7,
    loadingStatus: "loading_images",
  });
  expect(events.log.lastId()).toBe(before + 1);
  expect(published).toHaveLength(1);
  expect(published[0]).toMatchObject({
    seriesId: row.id,
    status: "loading_images",
    progress: { episodes: false, nfo: true, logo: true, images: false },
  });
});

test("a job's end settles completed only with every step's flag, else failed naming why", () => {
  const { published, series, loading } = setup();
  const row = series.insertAdded("aniworld:y", "Y", "Y", 1);
  loading.apply(row.id, [{ type: "done", result: { step: "images" } }, { type: "finished" }]);
  expect(published.at(-1)).toMatchObject({ status: "failed", message: "loading ended with steps missing" });
  series.update(row.id, { episodesLoaded: true, nfoLoaded: true, logoLoaded: true });
  loading.apply(row.id, [{ type: "finished" }]);
  expect(published.at(-1)).toMatchObject({ status: "completed", message: null });
});

test("a series removed meanwhile: nothing is written and nothing is published", () => {
  const { events, published, loading } = setup();
  const before = events.log.lastId();
  expect(
    loading.apply(999, [
      { type: "done", result: { step: "logo", unavailable: false } },
      { type: "finished" },
    ]),
  ).toBeNull();
  expect(events.log.lastId()).toBe(before);
  expect(published).toHaveLength(0);
});

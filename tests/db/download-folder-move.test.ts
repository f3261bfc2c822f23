/**
 * DownloadRepository.followFolderMove on a real SQLite file: every download row that names the moved folder
 * itself or a path below it names the same place under the new folder; rows of a folder that merely starts
 * with the same characters stay.
 */
import { expect, test } from "bun:test";
import { DownloadRepository } from "../../db/repositories/download-repository.ts";
import { downloads, episodes } from "../../db/schema/index.ts";
import { databasePerTest } from "../helpers/database-per-test.ts";
import { insertSeriesRow } from "../helpers/rows.ts";

const db = databasePerTest();

/** A download row of a new episode of series `seriesId` with the given place. */
function downloadAt(
  seriesId: number,
  number: number,
  place: { targetPath: string | null; createdFolder: string | null },
): number {
  const handle = db().db;
  const episodeId = handle
    .insert(episodes)
    .values({ seriesId, season: 1, number, updatedAt: 0 })
    .returning({ id: episodes.id })
    .get().id;
  return handle
    .insert(downloads)
    .values({ episodeId, state: "failed", ...place, createdAt: 0, updatedAt: 0 })
    .returning({ id: downloads.id })
    .get().id;
}

const placeOf = (id: number) => {
  const row = new DownloadRepository(db().db).get(id);
  return { targetPath: row?.download.targetPath ?? null, createdFolder: row?.download.createdFolder ?? null };
};

test("a download that made the series folder itself follows it, and so do the paths below it", () => {
  const show = insertSeriesRow(db().db, { catalogKey: "aniworld:show", title: "Show", folder: "Show" });
  const madeSeriesFolder = downloadAt(show, 1, {
    targetPath: "Show/Show - S01E01",
    createdFolder: "Show",
  });
  const madeSeason = downloadAt(show, 2, {
    targetPath: "Show/Season 01/Show - S01E02",
    createdFolder: "Show/Season 01",
  });
  const noName = downloadAt(show, 3, { targetPath: null, createdFolder: null });
  const other = insertSeriesRow(db().db, {
    catalogKey: "aniworld:show-2",
    title: "Show 2",
    folder: "Show 2",
  });
  const otherSeries = downloadAt(other, 1, { targetPath: "Show 2/Show 2 - S01E01", createdFolder: "Show 2" });

  new DownloadRepository(db().db).followFolderMove("Show", "Show (2020)");

  expect(placeOf(madeSeriesFolder)).toEqual({
    targetPath: "Show (2020)/Show - S01E01",
    createdFolder: "Show (2020)",
  });
  expect(placeOf(madeSeason)).toEqual({
    targetPath: "Show (2020)/Season 01/Show - S01E02",
    createdFolder: "Show (2020)/Season 01",
  });
  expect(placeOf(noName)).toEqual({ targetPath: null, createdFolder: null });
  expect(placeOf(otherSeries)).toEqual({ targetPath: "Show 2/Show 2 - S01E01", createdFolder: "Show 2" });
});

import { expect, test } from "bun:test";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import { databasePerTest } from "../helpers/database-per-test.ts";

const handle = databasePerTest();

test("a metadata step sets its own flag; the NFO's ids replace the stored ones only when found", () => {
  const repo = new SeriesRepository(handle().db);
  const row = repo.insertAdded("aniworld:x", "X", "X", 1);
  repo.update(row.id, { tmdbId: 7, imdbId: "tt0000007" });
  const logo = repo.markLogoLoaded(row.id, false, 5);
  expect(logo).toMatchObject({
    logoLoaded: true,
    logoUnavailable: false,
    nfoLoaded: false,
    imagesLoaded: false,
    updatedAt: 5,
  });
  const kept = repo.markMetadataLoaded(row.id, "nfo", { tmdbId: null, imdbId: "" });
  expect(kept).toMatchObject({ nfoLoaded: true, tmdbId: 7, imdbId: "tt0000007" });
  const found = repo.markMetadataLoaded(row.id, "nfo", { tmdbId: 99, imdbId: "tt0000099" });
  expect(found).toMatchObject({ tmdbId: 99, imdbId: "tt0000099", logoLoaded: true });
  // A second repository on the connection shares the prepared statements and sees the same row.
  expect(new SeriesRepository(handle().db).findById(row.id)).toEqual(found);
  expect(repo.markMetadataLoaded(row.id + 1, "images")).toBeUndefined();
  // A logo step that found none to write says so; the flag says the step is done all the same.
  expect(repo.markLogoLoaded(row.id, true)).toMatchObject({ logoLoaded: true, logoUnavailable: true });
  expect(repo.markLogoLoaded(row.id + 1, false)).toBeUndefined();
});

test("the episodes step stores the catalogue's facts; an empty title or IMDb id keeps the stored one", () => {
  const repo = new SeriesRepository(handle().db);
  const row = repo.insertAdded("aniworld:y", "Y from slug", "Y", 1);
  repo.update(row.id, { imdbId: "tt0000001", year: 1999 });
  const facts = {
    title: "  ",
    startYear: 2004,
    endYear: null,
    description: "About <b>Y</b>",
    coverUrl: null,
    genres: ["Drama"],
    imdbId: null,
  };
  expect(repo.markEpisodesLoaded(row.id, facts, 9)).toMatchObject({
    episodesLoaded: true,
    title: "Y from slug",
    year: 2004,
    endYear: null,
    description: "About <b>Y</b>",
    genres: ["Drama"],
    imdbId: "tt0000001",
    updatedAt: 9,
  });
  expect(repo.markEpisodesLoaded(row.id, { ...facts, title: " Y ", imdbId: "tt0000002" })).toMatchObject({
    title: "Y",
    imdbId: "tt0000002",
  });
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import { SeriesRepository } from "../../../db/repositories/series-repository.ts";
import type { SeriesSummary } from "../../../shared/series-list.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { startSignedInServer } from "../../helpers/sign-in.ts";
import { httpClient, type TestServer, waitFor } from "../../helpers/test-server.ts";

/** Every field of a summary: the object fails to compile if SeriesSummary gains or loses one. */
const SUMMARY_FIELDS: Record<keyof SeriesSummary, true> = {
  id: true,
  catalogKey: true,
  title: true,
  folder: true,
  year: true,
  coverUrl: true,
  monitored: true,
  loadingStatus: true,
  episodesLoaded: true,
  nfoLoaded: true,
  logoLoaded: true,
  imagesLoaded: true,
  loadingError: true,
  episodesOnDisk: true,
  episodesMissing: true,
  episodesTotal: true,
};

let server: TestServer;
let headers: Record<string, string>;
/** The series by the state it is in. */
const ids: Record<string, number> = {};

beforeAll(async () => {
  const started = await startSignedInServer();
  server = started.server;
  headers = started.creds.apiKeyHeaders;
  // The start-up scan and the loader's backfill run once, over an empty library: both are over before the
  // rows below exist, so neither changes them between the two reads compared.
  await waitFor(() => server.logs.some((l) => l.includes("queued at startup")), "the start-up backfill");
  const scans = server.app.services.libraryScans;
  const startScan = scans.latestJob();
  if (startScan) await scans.waitFor(startScan.jobId);
  const db = server.app.services.db.db;
  const seriesRepo = new SeriesRepository(db);
  const episodes = new EpisodesRepository(db);
  const add = (state: string, title: string) => {
    const id = insertSeriesRow(db, { catalogKey: `aniworld:${state}`, title, folder: title });
    ids[state] = id;
    return id;
  };
  // Fresh: no catalogue episodes and no files, its counters row still all zeros.
  add("fresh", "Fresh");
  // Missing episodes: four listed (one with its file) and a file the catalogue does not list; two of the
  // missing ones are offered in English only, so "preferred" with German wanted counts one.
  const missing = add("missing", "Missing");
  episodes.storeCatalogEpisodes(missing, [
    { season: 1, number: 1, titleDe: "Eins", titleEn: null, languages: ["de"] },
    { season: 1, number: 2, titleDe: "Zwei", titleEn: null, languages: ["de", "de-sub"] },
    { season: 1, number: 3, titleDe: "Drei", titleEn: null, languages: ["en-sub"] },
    { season: 1, number: 4, titleDe: "Vier", titleEn: null, languages: ["en"] },
  ]);
  episodes.syncFiles(
    missing,
    [
      { season: 1, number: 1, filePath: "Missing/e1.mkv", fileSize: 10, fileLanguage: "de" },
      { season: 2, number: 1, filePath: "Missing/extra.mkv", fileSize: 20, fileLanguage: "de" },
    ],
    true,
  );
  // Its own language list: "preferred" counts differently for it than for the global one.
  const ownLanguages = add("own-languages", "Own Languages");
  episodes.storeCatalogEpisodes(ownLanguages, [
    { season: 1, number: 1, titleDe: null, titleEn: "One", languages: ["en"] },
    { season: 1, number: 2, titleDe: null, titleEn: "Two", languages: ["de"] },
  ]);
  seriesRepo.update(ownLanguages, { languages: ["en"] });
  seriesRepo.update(add("monitored", "Monitored"), {
    monitored: true,
    year: 2019,
    coverUrl: "https://x/c.jpg",
  });
  seriesRepo.update(add("loading", "Loading"), { loadingStatus: "loading_nfo", episodesLoaded: true });
  seriesRepo.update(add("failed", "Failed"), {
    loadingStatus: "failed",
    episodesLoaded: true,
    nfoLoaded: true,
    loadingError: "logo step failed: <b>503</b>",
  });
  seriesRepo.update(add("completed", "Completed"), {
    loadingStatus: "completed",
    episodesLoaded: true,
    nfoLoaded: true,
    logoLoaded: true,
    imagesLoaded: true,
  });
});
afterAll(async () => {
  await server.close();
});

/** series.get's answer cut to the summary's fields. */
function summaryPart(details: SeriesSummary): Record<string, unknown> {
  return Object.fromEntries(Object.keys(SUMMARY_FIELDS).map((k) => [k, details[k as keyof SeriesSummary]]));
}

test("series.get's summary equals series.list's row for the same series, in every state and missing mode", async () => {
  const api = httpClient(server.url, headers);
  for (const missingMode of ["any", "preferred"] as const) {
    await api.settings.update.mutate({ missingMode, languages: ["de", "de-sub"] });
    const page = await api.series.list.query({ limit: 100 });
    expect(page.total).toBe(Object.keys(ids).length);
    for (const [state, id] of Object.entries(ids)) {
      const row = page.rows.find((r) => r.id === id);
      // Nothing more and nothing less than a summary, in both answers.
      expect({ state, fields: Object.keys(row ?? {}).sort() }).toEqual({
        state,
        fields: Object.keys(SUMMARY_FIELDS).sort(),
      });
      const details = await api.series.get.query({ id });
      expect({ state, missingMode, summary: summaryPart(details) }).toEqual({
        state,
        missingMode,
        summary: { ...row },
      });
    }
    // The states are what they claim to be: the comparison above is not between empty rows.
    const byState = (state: string) => page.rows.find((r) => r.id === ids[state]);
    expect(byState("fresh")).toMatchObject({ episodesTotal: 0, episodesOnDisk: 0, episodesMissing: 0 });
    expect(byState("missing")).toMatchObject({
      episodesTotal: 4,
      episodesOnDisk: 2,
      episodesMissing: missingMode === "any" ? 3 : 1,
    });
    expect(byState("own-languages")).toMatchObject({ episodesMissing: missingMode === "any" ? 2 : 1 });
    expect(byState("monitored")).toMatchObject({ monitored: true, year: 2019, coverUrl: "https://x/c.jpg" });
    expect(byState("loading")).toMatchObject({ loadingStatus: "loading_nfo", episodesLoaded: true });
    expect(byState("failed")).toMatchObject({
      loadingStatus: "failed",
      loadingError: "logo step failed: <b>503</b>",
      nfoLoaded: true,
      logoLoaded: false,
    });
    expect(byState("completed")).toMatchObject({ loadingStatus: "completed", imagesLoaded: true });
  }
});

import { afterAll, expect, test } from "bun:test";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import type { SampleSeries } from "../../../scripts/stand-ins/sample-catalogue.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import { addLoadedSeries } from "../../helpers/loaded-series.ts";
import { recordingHttp } from "../../helpers/stand-ins.ts";
import { startTestServer } from "../../helpers/test-server.ts";

// Whole pages in every shape the full stand-in mixes (scripts/stand-ins/catalogue-full-pages.ts):
// series 0–11 cover the four series shapes three times, films included (index % 5 = 0).
const catalogue = startCatalogueServer({ count: 12, markup: "full", hosterBaseUrl: "http://hoster.invalid" });
const provider = createCatalogProvider({ baseUrl: catalogue.url, http: recordingHttp().http });
afterAll(() => catalogue.stop());

/** The shape-3 series write `&amp;` into the cover's query string; it must come out decoded once. */
const coverOf = (s: SampleSeries) =>
  `${catalogue.url}/public/img/cover/${s.slug}-cover_220x330.jpg${s.index % 4 === 3 ? "?v=2&h=330" : ""}`;

const expectedEpisodes = (s: SampleSeries, season: number) =>
  (s.seasons.get(season) ?? []).map((e) => ({
    season,
    number: e.number,
    titleDe: e.titleDe || null,
    titleEn: e.titleEn,
    languages: [...e.languages].sort(),
    hosters: e.hosters,
  }));

test("series pages in every shape give every field; decoy links in template, comment and script are not seasons", async () => {
  for (const s of catalogue.series) {
    const details = await provider.getSeries(s.slug);
    expect(details).toEqual({
      slug: s.slug,
      title: s.titleDe,
      alternativeTitles: s.altTitles,
      startYear: s.startYear,
      endYear: s.endYear,
      description: s.descriptionDe,
      genres: s.genres,
      coverUrl: coverOf(s),
      backdropUrl: `${catalogue.url}/public/img/backdrop/${s.slug}.jpg`,
      ageRating: s.fsk,
      imdbId: s.imdbId,
      seasons: [...s.seasons.keys()].sort((a, b) => a - b),
    });
  }
});

test("season pages: rows with and without meta/data-episode-id, upper-case and unquoted markup, <br> in titles, lazy and title-only flags, films", async () => {
  let films = 0;
  for (const s of catalogue.series)
    for (const season of s.seasons.keys()) {
      if (season === 0) films++;
      const episodes = await provider.getEpisodes(s.slug, season);
      expect(episodes.map((e) => ({ ...e, languages: [...e.languages].sort() }))).toEqual(
        expectedEpisodes(s, season),
      );
    }
  expect(films).toBeGreaterThan(0);
});

test("episode pages: every hoster link shape and both language-box shapes give each language × hoster once, resolvable", async () => {
  for (const s of catalogue.series)
    for (const [season, list] of s.seasons) {
      const e = list[0];
      if (!e) continue;
      const links = await provider.getStreams(s.slug, season, e.number);
      const got = links.map((l) => `${l.language}/${l.hoster}`).sort();
      const want = e.languages.flatMap((l) => e.hosters.map((h) => `${l}/${h}`)).sort();
      expect(got).toEqual(want);
      for (const link of links.slice(0, 2)) {
        const target = await provider.resolveRedirect(link.redirectPath);
        expect(target).toBe(
          `http://hoster.invalid/${link.hoster.toLowerCase()}/e/${s.slug}-s${season}e${e.number}-${link.language}`,
        );
      }
    }
});

test("the loader reads full pages: series.add → every season's episodes with titles and languages on the series page", async () => {
  const sample = catalogue.series.find((s) => s.seasons.has(0) && s.seasons.size > 1 && s.index % 4 !== 0);
  if (!sample) throw new Error("no sample series with films in a varied shape");
  const server = await startTestServer({ ANIWORLD_CATALOG_URL: catalogue.url });
  try {
    const { api, row } = await addLoadedSeries(server, `aniworld:${sample.slug}`);
    const details = await api.series.get.query({ id: row.id });
    expect(details.title).toBe(sample.titleDe);
    expect(details.genres).toEqual(sample.genres);
    const got = details.episodes
      .map((e) => ({
        season: e.season,
        number: e.number,
        titleDe: e.titleDe,
        titleEn: e.titleEn,
        languages: [...e.languages].sort(),
      }))
      .sort((a, b) => a.season - b.season || a.number - b.number);
    const want = [...sample.seasons.keys()]
      .sort((a, b) => a - b)
      .flatMap((n) => expectedEpisodes(sample, n).map(({ hosters: _, ...e }) => e));
    expect(got).toEqual(want);
  } finally {
    await server.close();
  }
}, 30_000);

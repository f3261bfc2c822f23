import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { HOSTILE_TITLE_TEXT } from "../../../scripts/stand-ins/hostile-catalogue.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import { parseSeasonPage } from "../../../server/providers/aniworld/season-page-parser.ts";
import { parseSeriesPage } from "../../../server/providers/aniworld/series-page-parser.ts";
import type { CatalogProvider } from "../../../server/providers/contracts.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import { recordingHttp } from "../../helpers/stand-ins.ts";

let catalogue: ReturnType<typeof startCatalogueServer>;
let provider: CatalogProvider;
let waits: number[];

beforeAll(() => {
  catalogue = startCatalogueServer({
    requireBrowserHeaders: true,
    hosterBaseUrl: "http://127.0.0.1:9/hosters",
  });
  const rec = recordingHttp({ timeoutMs: 300, retry: { maxRetries: 2 } });
  waits = rec.waits;
  provider = createCatalogProvider({ baseUrl: catalogue.url, http: rec.http, maxPageBytes: 512 * 1024 });
});
afterAll(() => catalogue.stop());

const noMarkup = (text: string) => expect(text).not.toMatch(/<(img|iframe|b|em)\b|onerror=/i);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ProviderError,
  );

test("search: JSON results with slug, catalogue key, years, same-host cover and plain text", async () => {
  const items = await provider.search("Kämpfer");
  expect(items).toHaveLength(1);
  const [item] = items;
  expect(item).toMatchObject({
    slug: "fighters-swords-the-return",
    catalogKey: "aniworld:fighters-swords-the-return",
    title: "Kämpfer & Schwerter: Die Rückkehr",
    endYear: null,
  });
  expect(item!.startYear).toBe(catalogue.find(item!.slug)!.startYear);
  expect(item!.coverUrl).toBe(`${catalogue.url}/public/img/cover/${item!.slug}-cover_220x330.jpg`);
  expect(await provider.search("   ")).toEqual([]);
  expect(await provider.search("does not exist")).toEqual([]);
});

test("search with hostile entries: odd entries skipped, markup removed, foreign/javascript covers dropped", async () => {
  const items = await provider.search("hostile");
  expect(items.map((i) => i.slug)).toEqual(["hostile-script", "ok-slug"]);
  for (const i of items) {
    noMarkup(i.title);
    noMarkup(i.description);
    expect(i.title).not.toContain("<script");
    expect(i.coverUrl).toBeNull();
  }
  expect(items[0]!.title).toBe("Böse & Gut");
  const error = await failure(provider.search("garbage"));
  expect(error).toBeInstanceOf(ProviderError);
  expect(error?.message).toContain("not JSON");
});

test("series page: every field, pseudo-genres dropped, seasons including films", async () => {
  const sample = catalogue.series.find((s) => s.seasons.has(0) && s.imdbId && s.seasons.size > 2)!;
  const details = await provider.getSeries(sample.slug);
  expect(details).toEqual({
    slug: sample.slug,
    title: sample.titleDe,
    alternativeTitles: sample.altTitles,
    startYear: sample.startYear,
    endYear: sample.endYear,
    description: sample.descriptionDe,
    genres: sample.genres,
    coverUrl: `${catalogue.url}/public/img/cover/${sample.slug}-cover_220x330.jpg`,
    backdropUrl: `${catalogue.url}/public/img/backdrop/${sample.slug}.jpg`,
    ageRating: sample.fsk,
    imdbId: sample.imdbId,
    seasons: [...sample.seasons.keys()].sort((a, b) => a - b),
  });
  const withoutImdb = catalogue.series.find((s) => !s.imdbId)!;
  expect((await provider.getSeries(withoutImdb.slug)).imdbId).toBeNull();
});

test("season and film pages: numbers, German/English titles, languages and hosters per episode", async () => {
  const sample = catalogue.series.find((s) => s.seasons.has(0))!;
  const episodes = await provider.getEpisodes(sample.slug, 1);
  const expected = sample.seasons.get(1)!;
  expect(episodes.map((e) => e.number)).toEqual(expected.map((e) => e.number));
  expect(episodes[0]).toEqual({
    season: 1,
    number: 1,
    titleDe: expected[0]!.titleDe,
    titleEn: expected[0]!.titleEn,
    languages: expected[0]!.languages,
    hosters: expected[0]!.hosters,
  });
  const films = await provider.getEpisodes(sample.slug, 0);
  expect(films.length).toBe(sample.seasons.get(0)!.length);
  expect(films[0]!.season).toBe(0);
  expect(films[0]!.titleDe).toBeNull();
  expect(films[0]!.titleEn).toBe("Movie 1");
});

test("episode page: hoster links per language, read through the page's own language keys; redirect resolves", async () => {
  // Odd series swap the numeric keys of German Sub and English Sub.
  for (const sample of [catalogue.series[0]!, catalogue.series[1]!]) {
    const season = sample.seasons.get(1)!;
    const episode =
      season.find((e) => e.languages.includes("de-sub") && e.languages.includes("en-sub")) ?? season[0]!;
    const links = await provider.getStreams(sample.slug, 1, episode.number);
    expect(new Set(links.map((l) => l.language))).toEqual(new Set(episode.languages));
    expect(links).toHaveLength(episode.languages.length * episode.hosters.length);
    const link = links.find((l) => l.language === episode.languages.at(-1))!;
    const location = await provider.resolveRedirect(link.redirectPath);
    expect(location).toBe(
      `http://127.0.0.1:9/hosters/${link.hoster.toLowerCase()}/e/${sample.slug}-s1e${episode.number}-${link.language}`,
    );
  }
  expect(await failure(provider.resolveRedirect("https://evil.example/redirect/1"))).toBeInstanceOf(
    ProviderError,
  );
  expect((await failure(provider.resolveRedirect("/redirect/99999999")))?.status).toBe(404);
});

test("a new episode added at runtime shows up", async () => {
  const sample = catalogue.series[5]!;
  const before = await provider.getEpisodes(sample.slug, 1);
  const added = catalogue.addEpisode(sample.slug, 1, { titleDe: "Ganz neu" });
  const after = await provider.getEpisodes(sample.slug, 1);
  expect(after).toHaveLength(before.length + 1);
  expect(after.at(-1)).toMatchObject({ number: added.number, titleDe: "Ganz neu" });
});

test("hostile: <script> and <img onerror> in titles come out as plain text, never markup", async () => {
  const details = await provider.getSeries("hostile-script");
  expect(details.title).toBe(HOSTILE_TITLE_TEXT);
  expect(details.title).not.toContain("pwned");
  expect(details.description).toBe('<iframe src="https://evil.example/"></iframe>Beschreibung');
  const episodes = await provider.getEpisodes("hostile-script", 1);
  expect(episodes.length).toBeGreaterThan(0);
  for (const e of episodes) {
    expect(e.titleDe).toBe(`<img src=x onerror="alert(${e.number})">Folge`);
    expect(e.titleEn).toMatch(/^<\/td><\/tr><b>Chapter/);
  }
});

test("hostile: garbage HTML, 404, 500, hang, truncated body and a 50 MB body end in clean ProviderErrors", async () => {
  const garbage = await failure(provider.getSeries("hostile-garbage"));
  expect(garbage).toBeInstanceOf(ProviderError);
  expect(garbage?.retryable).toBe(false);
  expect((await failure(provider.getSeries("no-such-series")))?.status).toBe(404);
  expect((await failure(provider.getEpisodes(catalogue.series[0]!.slug, 99)))?.status).toBe(404);

  const before500 = catalogue.count("/anime/stream/hostile-500");
  const e500 = await failure(provider.getSeries("hostile-500"));
  expect(e500?.status).toBe(500);
  expect(catalogue.count("/anime/stream/hostile-500") - before500).toBe(3);

  const hang = await failure(provider.getSeries("hostile-hang"));
  expect(hang?.message).toContain("timed out");
  const truncated = await failure(provider.getSeries("hostile-truncated"));
  expect(truncated).toBeInstanceOf(ProviderError);
  expect(truncated?.retryable).toBe(true);
  const huge = await failure(provider.getSeries("hostile-huge"));
  expect(huge?.message).toContain("larger than");
});

test("hostile: 429 with Retry-After is waited out and the page then loads", async () => {
  waits.length = 0;
  const details = await provider.getSeries("hostile-429");
  expect(details.slug).toBe("hostile-429");
  expect(waits).toEqual([1000, 1000]);
});

test("the catalogue answers 403 to plain clients; ours sends browser headers", async () => {
  expect((await fetch(`${catalogue.url}/anime/stream/${catalogue.series[0]!.slug}`)).status).toBe(403);
});

test("a sparse fixture page parses to nulls and empties instead of failing", async () => {
  const html = await Bun.file(join(import.meta.dir, "../../fixtures/aniworld/series-sparse.html")).text();
  const details = parseSeriesPage(html, "sparse-series", new URL("https://aniworld.to/"));
  expect(details).toEqual({
    slug: "sparse-series",
    title: 'Shöjo & Co. – "Teil" 2',
    alternativeTitles: [],
    startYear: 2011,
    endYear: null,
    description: "Nur sichtbarer Text <b>fett</b>",
    genres: [],
    coverUrl: null,
    backdropUrl: null,
    ageRating: null,
    imdbId: null,
    seasons: [0, 1, 2],
  });
  const episodes = parseSeasonPage(html, "sparse-series", 1);
  expect(episodes).toEqual([
    {
      season: 1,
      number: 1,
      titleDe: null,
      titleEn: "Only English",
      languages: ["de"],
      hosters: ["VOE", "Vidoza"],
    },
  ]);
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import { isReadAccessToken, TmdbClient } from "../../../server/providers/tmdb/tmdb-client.ts";
import { MATCH_THRESHOLD, scoreResult } from "../../../server/providers/tmdb/tmdb-match.ts";
import { recordingHttp, startStandIns, TMDB_KEY } from "../../helpers/stand-ins.ts";

let stands: ReturnType<typeof startStandIns>;
let waits: number[];
let client: TmdbClient;

beforeAll(() => {
  stands = startStandIns();
  const rec = recordingHttp({ retry: { maxRetries: 2 } });
  waits = rec.waits;
  client = new TmdbClient(
    { apiKey: TMDB_KEY, baseUrl: stands.tmdb.apiUrl, imageBaseUrl: stands.tmdb.imageUrl },
    rec.http,
    "de-DE",
  );
});
afterAll(() => stands.stop());

const series = () => stands.catalogue.series;

test("an IMDb id gives an exact match through /find, without any title search", async () => {
  const s = series().find((x) => x.imdbId && x.tmdbId)!;
  const before = stands.tmdb.count("/3/search/tv");
  const match = await client.match({ imdbId: s.imdbId, titles: ["something else entirely"], year: null });
  expect(match).toEqual({ id: s.tmdbId!, confidence: 1, via: "imdb" });
  expect(stands.tmdb.count("/3/search/tv")).toBe(before);
});

test("without an IMDb id the title (+year) search picks the real series over a look-alike listed first", async () => {
  // index % 4 === 0 gets a decoy; index 12 has no IMDb id? pick any decoy series and drop its id.
  const s = series().find((x) => x.index % 4 === 0 && x.tmdbId)!;
  const match = await client.match({ imdbId: null, titles: [s.titleDe], year: s.startYear });
  expect(match?.id).toBe(s.tmdbId!);
  expect(match?.via).toBe("title");
  expect(match!.confidence).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  // Without the year the decoy (same words + "Abenteuer", other year) still loses on title similarity.
  expect((await client.match({ imdbId: null, titles: [s.titleDe], year: null }))?.id).toBe(s.tmdbId!);
});

test("a series TMDB does not know gives no match (no wrong NFO)", async () => {
  const s = series().find((x) => x.tmdbId === null)!;
  expect(await client.match({ imdbId: null, titles: [s.titleDe, s.titleEn], year: s.startYear })).toBeNull();
  expect(await client.match({ imdbId: "tt9999999", titles: ["Zzzz Qqqq"], year: 2001 })).toBeNull();
});

test("the confidence score: equal titles and years score high, other titles and far years score low", () => {
  const r = {
    id: 1,
    name: "Blaue Klinge",
    original_name: "Blue Blade",
    first_air_date: "2010-01-01",
    overview: null,
    popularity: null,
  };
  expect(scoreResult(r, ["Blue Blade"], 2010, 0, 1)).toBeGreaterThan(1.1);
  expect(scoreResult(r, ["Blaue Klinge"], 2017, 0, 1)).toBeLessThan(MATCH_THRESHOLD);
  expect(scoreResult(r, ["Rote Insel"], 2010, 0, 1)).toBeLessThan(MATCH_THRESHOLD);
});

test("details: German first, English overview when the German one is empty, ids, rating, images by language", async () => {
  const s = series().find((x) => x.index % 3 === 0 && x.index % 4 === 0 && x.index % 7 !== 0 && x.tmdbId)!;
  const show = await client.show(s.tmdbId!);
  expect(show.name).toBe(s.titleDe);
  expect(show.overview).toBe(s.descriptionEn);
  expect(show.imdbId).toMatch(/^tt\d+$/);
  expect(show.tvdbId).toBe(300_000 + s.index);
  expect(show.contentRating).toBe(String(s.fsk));
  expect(show.posterUrl).toBe(`${stands.tmdb.imageUrl}/w780/p${s.tmdbId}de.jpg`);
  expect(show.backdropUrl).toBe(`${stands.tmdb.imageUrl}/w1280/b${s.tmdbId}xx.jpg`);
  expect(show.logoUrl).toBe(`${stands.tmdb.imageUrl}/w500/l${s.tmdbId}de.png`);
  expect(show.seasonPosterUrls.get(1)).toBe(`${stands.tmdb.imageUrl}/w500/s${s.tmdbId}n1.jpg`);
  const german = series().find((x) => x.index % 3 !== 0 && x.tmdbId)!;
  expect((await client.show(german.tmdbId!)).overview).toBe(german.descriptionDe);
});

test("image language fallback: German, then English, then language-less; never another language", async () => {
  const noGerman = series().find((x) => x.index % 4 === 1 && x.tmdbId)!;
  expect((await client.show(noGerman.tmdbId!)).posterUrl).toEndWith(`p${noGerman.tmdbId}en.jpg`);
  const onlyNull = series().find((x) => x.index % 4 === 2 && x.tmdbId)!;
  expect((await client.show(onlyNull.tmdbId!)).posterUrl).toEndWith(`p${onlyNull.tmdbId}xx.jpg`);
  const englishSvgLogo = series().find((x) => x.index % 2 === 1 && x.index % 7 !== 0 && x.tmdbId)!;
  expect((await client.show(englishSvgLogo.tmdbId!)).logoUrl).toEndWith(`l${englishSvgLogo.tmdbId}en.png`);
  const japaneseLogoOnly = series().find((x) => x.index % 7 === 0 && x.tmdbId)!;
  expect((await client.show(japaneseLogoOnly.tmdbId!)).logoUrl).toBeNull();
});

test("season details: episode names and English overview fallback", async () => {
  const s = series().find((x) => x.tmdbId && (x.seasons.get(1)?.length ?? 0) >= 2)!;
  const episodes = await client.season(s.tmdbId!, 1);
  expect(episodes.map((e) => e.episode)).toEqual(s.seasons.get(1)!.map((e) => e.number));
  expect(episodes[0]!.name).toBe(s.seasons.get(1)![0]!.titleDe);
  expect(episodes[0]!.overview).toStartWith("Inhalt");
  expect(episodes[1]!.overview).toStartWith("Plot");
  expect(episodes[0]!.airDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test("season details carry each episode's still as an image-host URL; hostile still paths are dropped", async () => {
  const s = series().find((x) => x.tmdbId && (x.seasons.get(1)?.length ?? 0) >= 5)!;
  const episodes = await client.season(s.tmdbId!, 1);
  for (const e of episodes) {
    // The stand-in gives every fifth episode no still.
    if (e.episode % 5 === 0) expect(e.stillUrl).toBeNull();
    else
      expect(e.stillUrl).toBe(
        `${stands.tmdb.imageUrl}/original/e${s.tmdbId! * 10_000 + 1000 + e.episode}.jpg`,
      );
  }
  const paths = [
    "/../../etc/passwd.jpg",
    "https://evil.example/x.jpg",
    "//evil.example/x.jpg",
    "/x.svg",
    "/ok_1.jpg",
  ];
  const hostile = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () =>
      Response.json({
        episodes: paths.map((still_path, i) => ({ id: i + 1, episode_number: i + 1, still_path })),
      }),
  });
  try {
    const odd = new TmdbClient(
      { apiKey: TMDB_KEY, baseUrl: `${hostile.url}3`, imageBaseUrl: stands.tmdb.imageUrl },
      recordingHttp().http,
      "en-US",
    );
    const stills = (await odd.season(1, 1)).map((e) => e.stillUrl);
    expect(stills).toEqual([null, null, null, null, `${stands.tmdb.imageUrl}/original/ok_1.jpg`]);
  } finally {
    await hostile.stop(true);
  }
});

test("429 with Retry-After is honoured and bounded retries end in a ProviderError", async () => {
  const s = series().find((x) => x.tmdbId)!;
  stands.tmdb.inject(`/3/tv/${s.tmdbId}`, { kind: "status", status: 429, retryAfter: "3" }, 1);
  waits.length = 0;
  expect((await client.show(s.tmdbId!)).id).toBe(s.tmdbId!);
  expect(waits[0]).toBe(3000);
  stands.tmdb.inject("/3/tv/", { kind: "status", status: 500 }, 100);
  const before = stands.tmdb.count("/3/tv/");
  const error = await client.show(s.tmdbId!).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).status).toBe(500);
  expect(stands.tmdb.count("/3/tv/") - before).toBe(3);
  stands.tmdb.inject("/3/tv/", { kind: "status", status: 500 }, 0);
});

test("a v3 key goes in the query, a v4 read-access token as Bearer; a wrong key is a clean 401", async () => {
  expect(isReadAccessToken(TMDB_KEY)).toBe(false);
  const jwt =
    "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIwMTIzNDU2Nzg5YWJjZGVmIiwic3ViIjoiNjQifQ.c2lnbmF0dXJlLXN0YW5kLWlu";
  expect(isReadAccessToken(jwt)).toBe(true);
  const v4 = startStandIns({ tmdbKey: jwt });
  try {
    const { http } = recordingHttp();
    const ok = new TmdbClient(
      { apiKey: jwt, baseUrl: v4.tmdb.apiUrl, imageBaseUrl: v4.tmdb.imageUrl },
      http,
      "en-US",
    );
    const s = v4.catalogue.series.find((x) => x.tmdbId)!;
    expect((await ok.show(s.tmdbId!)).name).toBe(s.titleEn);
    const bad = new TmdbClient(
      { apiKey: TMDB_KEY, baseUrl: v4.tmdb.apiUrl, imageBaseUrl: v4.tmdb.imageUrl },
      http,
      "en-US",
    );
    const error = (await bad.show(s.tmdbId!).catch((e: unknown) => e)) as ProviderError;
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
  } finally {
    await v4.stop();
  }
});

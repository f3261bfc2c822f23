import { afterAll, beforeAll, expect, test } from "bun:test";
import { startCatalogueServer } from "../../scripts/stand-ins/catalogue-server.ts";
import { makeJpeg, makePng } from "../../scripts/stand-ins/images.ts";
import { generateSampleCatalogue } from "../../scripts/stand-ins/sample-catalogue.ts";
import { startTmdbServer } from "../../scripts/stand-ins/tmdb-server.ts";
import { decodeJpegHeader, decodePngHeader } from "../helpers/image-check.ts";

test("generated images are valid PNG and baseline JPEG of the asked size", () => {
  expect(decodePngHeader(makePng(7, 3))).toEqual({ width: 7, height: 3 });
  expect(decodeJpegHeader(makeJpeg(44, 66, 3))).toEqual({ width: 44, height: 66 });
  expect(decodeJpegHeader(makeJpeg(9, 17, 250))).toEqual({ width: 9, height: 17 });
});

test("the sample catalogue has the variety the tests and the demo need", () => {
  const all = generateSampleCatalogue();
  expect(all.length).toBe(50);
  expect(new Set(all.map((s) => s.slug)).size).toBe(50);
  expect(all.some((s) => s.seasons.size >= 4)).toBe(true);
  expect(all.filter((s) => s.seasons.has(0)).length).toBeGreaterThan(5);
  expect(all.filter((s) => s.imdbId === null).length).toBeGreaterThan(5);
  expect(all.filter((s) => s.tmdbId === null).length).toBeGreaterThan(2);
  const languages = new Set(all.flatMap((s) => [...s.seasons.values()].flat().flatMap((e) => e.languages)));
  expect([...languages].sort()).toEqual(["de", "de-sub", "en-sub"]);
  const hosters = new Set(all.flatMap((s) => [...s.seasons.values()].flat().flatMap((e) => e.hosters)));
  expect(hosters.size).toBeGreaterThanOrEqual(4);
  expect(all.some((s) => s.titleDe !== s.titleEn)).toBe(true);
});

let catalogue: ReturnType<typeof startCatalogueServer>;
let tmdb: ReturnType<typeof startTmdbServer>;
beforeAll(() => {
  catalogue = startCatalogueServer({ hosterBaseUrl: "http://127.0.0.1:1/h" });
  tmdb = startTmdbServer({ apiKey: "k", series: catalogue.series });
});
afterAll(async () => {
  await catalogue.stop();
  await tmdb.stop();
});

test("the TMDB stand-in requires its key, counts requests and serves images", async () => {
  expect((await fetch(`${tmdb.apiUrl}/configuration`)).status).toBe(401);
  expect((await fetch(`${tmdb.apiUrl}/configuration?api_key=k`)).status).toBe(200);
  expect(
    (await fetch(`${tmdb.apiUrl}/configuration`, { headers: { Authorization: "Bearer k" } })).status,
  ).toBe(200);
  expect(tmdb.count("/3/configuration")).toBe(3);
  expect(tmdb.requests.some((r) => r.includes("api_key"))).toBe(false);
  const png = await fetch(`${tmdb.imageUrl}/w500/l100001en.png`);
  expect(png.headers.get("content-type")).toBe("image/png");
  expect(decodePngHeader(new Uint8Array(await png.arrayBuffer())).width).toBe(60);
});

test("injected failures hit the given path the given number of times", async () => {
  const slug = catalogue.series[0]!.slug;
  catalogue.inject(`/anime/stream/${slug}`, { kind: "status", status: 503 }, 1);
  expect((await fetch(`${catalogue.url}/anime/stream/${slug}`)).status).toBe(503);
  expect((await fetch(`${catalogue.url}/anime/stream/${slug}`)).status).toBe(200);
});

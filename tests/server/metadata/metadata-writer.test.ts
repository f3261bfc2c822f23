import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { createMetadataWriter } from "../../../server/metadata/metadata-writer.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import type { MetadataStepInput } from "../../../server/providers/contracts.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import { catalogKeyOf } from "../../../shared/catalog.ts";
import { decodeJpegHeader, decodePngHeader } from "../../helpers/image-check.ts";
import { recordingHttp, startStandIns, TMDB_KEY } from "../../helpers/stand-ins.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

let stands: ReturnType<typeof startStandIns>;
const tmp = tempDir();
const library = join(tmp.path, "library");
const { http } = recordingHttp();

beforeAll(() => {
  stands = startStandIns();
});
afterAll(async () => {
  await stands.stop();
  tmp.cleanup();
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false });
const writer = (tmdb: boolean) =>
  createMetadataWriter({
    libraryRoot: library,
    language: "de-DE",
    catalog: { baseUrl: stands.catalogue.url },
    tmdb: tmdb ? { apiKey: TMDB_KEY, baseUrl: stands.tmdb.apiUrl, imageBaseUrl: stands.tmdb.imageUrl } : null,
    http,
  });

async function inputFor(slug: string, folder = slug): Promise<MetadataStepInput> {
  const details = await createCatalogProvider({ baseUrl: stands.catalogue.url, http }).getSeries(slug);
  return {
    seriesDir: join(library, folder),
    identity: {
      catalogKey: catalogKeyOf(slug),
      title: details.title,
      year: details.startYear,
      imdbId: details.imdbId,
      tmdbId: null,
    },
    details,
    seasons: details.seasons,
  };
}

type Unique = { "@type": string; "@default": string; "#text": string };
const uniqueIds = (doc: { tvshow: { uniqueid: Unique | Unique[] } }) =>
  Object.fromEntries([doc.tvshow.uniqueid].flat().map((u) => [u["@type"], u["#text"]]));

test("with TMDB: tvshow.nfo with the required elements and every id as uniqueid, plus valid artwork", async () => {
  const sample = stands.catalogue.series.find(
    (s) => s.imdbId && s.tmdbId && s.seasons.has(0) && s.index % 7 !== 0,
  )!;
  const input = await inputFor(sample.slug);
  const w = writer(true);
  expect(await w.writeNfo(input)).toEqual({ tmdbId: sample.tmdbId, imdbId: sample.imdbId });
  const doc = parser.parse(await Bun.file(join(input.seriesDir, "tvshow.nfo")).text());
  expect(doc.tvshow.title).toBe(sample.titleDe);
  expect(doc.tvshow.plot).toBeTruthy();
  expect(doc.tvshow.premiered).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(Number(doc.tvshow.year)).toBe(sample.startYear);
  expect(["Continuing", "Ended"]).toContain(doc.tvshow.status);
  expect([doc.tvshow.genre].flat()).toEqual(sample.genres);
  expect(uniqueIds(doc)).toEqual({
    tmdb: String(sample.tmdbId),
    imdb: sample.imdbId!,
    tvdb: String(300_000 + sample.index),
    aniworld: sample.slug,
  });
  expect(
    [doc.tvshow.uniqueid]
      .flat()
      .filter((u: Unique) => u["@default"] === "true")
      .map((u: Unique) => u["@type"]),
  ).toEqual(["tmdb"]);

  expect(await w.writeLogo(input)).toBe("written");
  expect(await w.writeImages(input)).toEqual({
    poster: "written",
    fanart: "written",
    seasonPosters: input.seasons.length,
  });
  const file = async (name: string) =>
    new Uint8Array(await Bun.file(join(input.seriesDir, name)).arrayBuffer());
  expect(decodeJpegHeader(await file("poster.jpg"))).toEqual({ width: 40, height: 60 });
  expect(decodeJpegHeader(await file("fanart.jpg"))).toEqual({ width: 96, height: 54 });
  expect(decodePngHeader(await file("logo.png"))).toEqual({ width: 60, height: 24 });
  expect(decodeJpegHeader(await file("season01-poster.jpg")).width).toBe(40);
  expect(decodeJpegHeader(await file("season-specials-poster.jpg")).width).toBe(40);
  // Second run: everything is on disk, nothing is fetched again.
  const before = stands.tmdb.requests.length;
  expect(await w.writeImages(input)).toEqual({
    poster: "skipped",
    fanart: "skipped",
    seasonPosters: input.seasons.length,
  });
  expect(await w.writeLogo(input)).toBe("skipped");
  expect(stands.tmdb.requests.length).toBe(before);
  expect(readdirSync(input.seriesDir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});

test("special characters round-trip through the NFO (quotes, angle brackets, ampersands, umlauts)", async () => {
  const sample = stands.catalogue.series.find((s) => s.titleDe.includes("<"))!;
  const input = await inputFor(sample.slug);
  await writer(false).writeNfo(input);
  const text = await Bun.file(join(input.seriesDir, "tvshow.nfo")).text();
  expect(text).toStartWith('<?xml version="1.0" encoding="UTF-8"');
  expect(text).not.toContain("<und>");
  const doc = parser.parse(text, true);
  expect(doc.tvshow.title).toBe('"Ich" <und> die Welt');
  const umlauts = stands.catalogue.series.find((s) => s.titleDe.startsWith("Kämpfer"))!;
  const u = await inputFor(umlauts.slug);
  await writer(false).writeNfo(u);
  const back = parser.parse(await Bun.file(join(u.seriesDir, "tvshow.nfo")).text());
  expect(back.tvshow.title).toBe("Kämpfer & Schwerter: Die Rückkehr");
  expect(back.tvshow.plot).toBe(umlauts.descriptionDe);
});

test("hostile catalogue text (script tags, control characters) stays text in valid XML", async () => {
  const input = await inputFor("hostile-script");
  input.details = { ...input.details, description: `${input.details.description}\u0000\u0007 ]]> &amp;` };
  await writer(false).writeNfo(input);
  const text = await Bun.file(join(input.seriesDir, "tvshow.nfo")).text();
  expect(text).not.toContain("<script>");
  expect(text).not.toContain("<iframe");
  const doc = parser.parse(text);
  expect(doc.tvshow.title).toBe(input.details.title);
  expect(doc.tvshow.plot).toBe('<iframe src="https://evil.example/"></iframe>Beschreibung ]]> &amp;');
});

test("without a TMDB key: NFO from catalogue data, cover as poster, logo and fanart unavailable", async () => {
  const sample = stands.catalogue.series.find((s) => s.imdbId && s.endYear !== null)!;
  const input = await inputFor(sample.slug, "no-key");
  const w = writer(false);
  const before = stands.tmdb.requests.length;
  expect(await w.writeNfo(input)).toEqual({ tmdbId: null, imdbId: sample.imdbId });
  const doc = parser.parse(await Bun.file(join(input.seriesDir, "tvshow.nfo")).text());
  expect(doc.tvshow.title).toBe(sample.titleDe);
  expect(doc.tvshow.plot).toBe(sample.descriptionDe);
  expect(Number(doc.tvshow.year)).toBe(sample.startYear);
  expect(doc.tvshow.status).toBe("Ended");
  expect(uniqueIds(doc)).toEqual({ imdb: sample.imdbId!, aniworld: sample.slug });
  expect(await w.writeLogo(input)).toBe("unavailable");
  expect(await w.writeImages(input)).toEqual({ poster: "written", fanart: "unavailable", seasonPosters: 0 });
  const poster = new Uint8Array(await Bun.file(join(input.seriesDir, "poster.jpg")).arrayBuffer());
  expect(decodeJpegHeader(poster)).toEqual({ width: 44, height: 66 });
  expect(stands.tmdb.requests.length).toBe(before);
});

test("images only from provider hosts, only real images of the expected kind", async () => {
  const sample = stands.catalogue.series[20]!;
  const input = await inputFor(sample.slug, "hosts");
  const other = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response("x", { headers: { "Content-Type": "image/jpeg" } }),
  });
  try {
    input.details = { ...input.details, coverUrl: `${other.url}cover.jpg` };
    const error = await writer(false)
      .writeImages(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain("refusing");
    // A page on the catalogue host that is not an image is refused too.
    input.details = { ...input.details, coverUrl: `${stands.catalogue.url}/anime/stream/${sample.slug}` };
    const notImage = (await writer(false)
      .writeImages(input)
      .catch((e: unknown) => e)) as ProviderError;
    expect(notImage.message).toContain("expected an image");
    expect(await Bun.file(join(input.seriesDir, "poster.jpg")).exists()).toBe(false);
  } finally {
    other.stop(true);
  }
});

test("an NFO that is not ours is never overwritten; series folders outside the library are refused", async () => {
  const sample = stands.catalogue.series[21]!;
  const input = await inputFor(sample.slug, "foreign");
  mkdirSync(input.seriesDir, { recursive: true });
  const mine = `<tvshow><title>Hand made</title><uniqueid type="tmdb">77</uniqueid></tvshow>`;
  writeFileSync(join(input.seriesDir, "tvshow.nfo"), mine);
  expect(await writer(true).writeNfo(input)).toEqual({ tmdbId: 77, imdbId: null });
  expect(await Bun.file(join(input.seriesDir, "tvshow.nfo")).text()).toBe(mine);
  await expect(writer(true).writeNfo({ ...input, seriesDir: join(library, "..", "escape") })).rejects.toThrow(
    /library root/,
  );
});

test("episode NFO beside a video: TMDB season data when matched, catalogue title otherwise", async () => {
  const sample = stands.catalogue.series.find((s) => s.tmdbId && (s.seasons.get(1)?.length ?? 0) >= 2)!;
  const input = await inputFor(sample.slug, "episodes");
  const w = writer(true);
  const { tmdbId } = await w.writeNfo(input);
  const video = join(input.seriesDir, "Season 01", "Show - S01E02 - x.mkv");
  mkdirSync(join(input.seriesDir, "Season 01"), { recursive: true });
  const ep = sample.seasons.get(1)![1]!;
  const path = await w.writeEpisodeNfo(video, {
    identity: { ...input.identity, tmdbId },
    episode: { season: 1, number: 2, titleDe: ep.titleDe, titleEn: ep.titleEn },
    language: "de-sub",
  });
  expect(path).toBe(join(input.seriesDir, "Season 01", "Show - S01E02 - x.nfo"));
  const doc = parser.parse(await Bun.file(path).text());
  expect(doc.episodedetails).toMatchObject({
    title: ep.titleDe,
    showtitle: input.identity.title,
    season: "1",
    episode: "2",
  });
  expect(doc.episodedetails.plot).toStartWith("Plot");
  expect(doc.episodedetails.aired).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const ids = Object.fromEntries(
    [doc.episodedetails.uniqueid].flat().map((u: Unique) => [u["@type"], u["#text"]]),
  );
  expect(ids.tmdb).toBe(String(tmdbId! * 10_000 + 1000 + 2));
  expect(ids.aniworld).toBe(`${sample.slug}-s1e2`);
  const plain = await writer(false).writeEpisodeNfo(join(input.seriesDir, "Season 01", "b.mp4"), {
    identity: input.identity,
    episode: { season: 1, number: 3, titleDe: "Titel & <Teil>", titleEn: null },
  });
  expect(parser.parse(await Bun.file(plain).text()).episodedetails.title).toBe("Titel & <Teil>");
});

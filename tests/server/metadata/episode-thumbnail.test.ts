import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { createMetadataWriter, type EpisodeNfoInput } from "../../../server/metadata/metadata-writer.ts";
import { catalogKeyOf } from "../../../shared/catalog.ts";
import { decodeJpegHeader } from "../../helpers/image-check.ts";
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
const writer = (tmdb: boolean, maxImageBytes?: number) =>
  createMetadataWriter({
    libraryRoot: library,
    language: "de-DE",
    catalog: { baseUrl: stands.catalogue.url },
    tmdb: tmdb ? { apiKey: TMDB_KEY, baseUrl: stands.tmdb.apiUrl, imageBaseUrl: stands.tmdb.imageUrl } : null,
    http,
    ...(maxImageBytes ? { maxImageBytes } : {}),
  });

/** A sample series TMDB knows with at least five episodes in season 1 (episode 5 has no still). */
const sample = () => stands.catalogue.series.find((s) => s.tmdbId && (s.seasons.get(1)?.length ?? 0) >= 5)!;

function episodeInput(number: number, tmdbId: number | null): EpisodeNfoInput {
  const s = sample();
  const ep = s.seasons.get(1)![number - 1]!;
  return {
    identity: { catalogKey: catalogKeyOf(s.slug), title: s.titleDe, year: s.startYear, imdbId: null, tmdbId },
    episode: { season: 1, number, titleDe: ep.titleDe, titleEn: ep.titleEn },
    language: "de",
  };
}

function videoIn(folder: string, name: string): string {
  const dir = join(library, folder, "Season 01");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

const nfoOf = async (path: string) => parser.parse(await Bun.file(path).text()).episodedetails;

test("with a TMDB match: <video>-thumb.jpg from the episode still, a valid JPEG, referenced by the NFO", async () => {
  const video = videoIn("thumbs", "Show - S01E02 - Title.mkv");
  const result = await writer(true).writeEpisodeMetadata(video, episodeInput(2, sample().tmdbId));
  expect(result).toMatchObject({ thumb: "written", thumbError: null });
  const thumb = video.replace(/\.mkv$/, "-thumb.jpg");
  expect(decodeJpegHeader(await Bun.file(thumb).bytes())).toEqual({ width: 64, height: 36 });
  expect(stands.tmdb.requests).toContain(`/t/p/original/e${sample().tmdbId! * 10_000 + 1002}.jpg`);
  expect((await nfoOf(result.nfoPath)).thumb).toBe("Show - S01E02 - Title-thumb.jpg");
  // A second run keeps the thumbnail that is there and still references it.
  const again = await writer(true).writeEpisodeMetadata(video, episodeInput(2, sample().tmdbId));
  expect(again.thumb).toBe("skipped");
  expect((await nfoOf(again.nfoPath)).thumb).toBe("Show - S01E02 - Title-thumb.jpg");
  expect(readdirSync(join(library, "thumbs", "Season 01")).sort()).toEqual([
    "Show - S01E02 - Title-thumb.jpg",
    "Show - S01E02 - Title.nfo",
  ]);
});

test("no TMDB, no match or no still: no thumbnail, no <thumb>, and that is not an error", async () => {
  const plain = videoIn("no-tmdb", "a.mp4");
  const withoutKey = await writer(false).writeEpisodeMetadata(plain, episodeInput(2, sample().tmdbId));
  expect(withoutKey).toMatchObject({ thumb: "unavailable", thumbError: null });
  const unmatched = videoIn("no-match", "b.mp4");
  expect((await writer(true).writeEpisodeMetadata(unmatched, episodeInput(2, null))).thumb).toBe(
    "unavailable",
  );
  const noStill = videoIn("no-still", "c.mp4");
  const r = await writer(true).writeEpisodeMetadata(noStill, episodeInput(5, sample().tmdbId));
  expect(r).toMatchObject({ thumb: "unavailable", thumbError: null });
  for (const [video, nfo] of [
    [plain, withoutKey.nfoPath],
    [noStill, r.nfoPath],
  ] as const) {
    expect(existsSync(video.replace(/\.mp4$/, "-thumb.jpg"))).toBe(false);
    expect((await nfoOf(nfo)).thumb).toBeUndefined();
  }
});

test("a still that is not an image, too big or unreachable: the NFO is still written, the reason is returned, no file", async () => {
  const s = sample();
  const stillPath = (n: number) => `/t/p/original/e${s.tmdbId! * 10_000 + 1000 + n}.jpg`;
  // [episode, injected failure, image size limit, expected reason]
  const cases = [
    [1, { kind: "garbage" }, undefined, /not a valid JPEG|expected an image/],
    [3, { kind: "status", status: 404 }, undefined, /404/],
    [4, { kind: "huge", bytes: 64 * 1024 }, 16 * 1024, /larger than/],
  ] as const;
  for (const [n, failure, maxBytes, reason] of cases) {
    stands.tmdb.inject(stillPath(n), failure, 1);
    const video = videoIn("bad-stills", `e${n}.mkv`);
    const r = await writer(true, maxBytes).writeEpisodeMetadata(video, episodeInput(n, s.tmdbId));
    expect(r.thumb).toBe("failed");
    expect(r.thumbError).toMatch(reason);
    expect((await nfoOf(r.nfoPath)).title).toBeTruthy();
    expect((await nfoOf(r.nfoPath)).thumb).toBeUndefined();
  }
  expect(readdirSync(join(library, "bad-stills", "Season 01")).sort()).toEqual([
    "e1.nfo",
    "e3.nfo",
    "e4.nfo",
  ]);
});

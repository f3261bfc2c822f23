import { afterEach, expect, test } from "bun:test";
import { existsSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import { SeriesRepository } from "../../../db/repositories/series-repository.ts";
import { buildMixedLibrary } from "../../helpers/library-fixture.ts";
import { allSeries, libraryServices } from "../../helpers/services.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  buildMixedLibrary(root, join(tmp.path, "outside"));
  const open = () => {
    const s = libraryServices(join(tmp.path, "data"), root);
    cleanups.unshift(s.close);
    return s;
  };
  return { tmp, root, open };
}

const files = (s: ReturnType<typeof libraryServices>, seriesId: number) =>
  new EpisodesRepository(s.db.db)
    .listBySeries(seriesId)
    .map((e) => [e.season, e.number, e.inCatalog, e.filePath, e.fileSize, e.fileLanguage]);

test("a full scan of a mixed library finds exactly the series, episodes, artwork, junk and symlinks", async () => {
  const { open } = setup();
  const s = open();
  const job = await s.scan();
  expect(job.state).toBe("completed");
  expect({ ...job.result, durationMs: 0 }).toEqual({
    folders: 3,
    matched: 0,
    created: 2,
    unchanged: 0,
    unmatched: [
      {
        folder: "Some Anime [tmdbid-1]",
        suggestion: {
          title: "Some Anime",
          year: null,
          slug: "some-anime",
          catalogKey: "aniworld:some-anime",
        },
      },
    ],
    unreadable: [],
    episodesOnDisk: 7,
    unparsedFiles: 1,
    issues: [
      {
        path: "Naruto/Season 01/Naruto - S01E05.mkv",
        problem: "symlink-outside-root",
        message: expect.any(String),
      },
      {
        path: "Naruto/Season 01/Naruto - S01E06.mkv",
        problem: "symlink-broken",
        message: expect.any(String),
      },
      { path: "Outside Link", problem: "symlink-outside-root", message: expect.any(String) },
    ],
    durationMs: 0,
  });
  const repo = new SeriesRepository(s.db.db);
  const naruto = repo.findByCatalogKey("aniworld:naruto")!;
  const aot = repo.findByCatalogKey("aniworld:attack-on-titan")!;
  expect([naruto.title, naruto.folder, naruto.year]).toEqual(["Naruto", "Naruto", 2002]);
  expect([aot.title, aot.folder, aot.year]).toEqual(["Attack on Titan", "Attack on Titan (2013)", 2013]);
  expect(repo.findByFolder("Some Anime [tmdbid-1]")).toBeUndefined();
  expect(files(s, naruto.id)).toEqual([
    [0, 1, false, "Naruto/Specials/Naruto - S00E01 - Der Film [German Dub].mp4", 1, "de"],
    [0, 2, false, "Naruto/Specials/Naruto - S00E02 - Link [German Dub].mp4", 1, "de"],
    [1, 1, false, "Naruto/Season 01/Naruto - S01E01 - Heimkehr [German Dub].mkv", 5, "de"],
    // Two files for one episode: the preferred language (German Sub before English Sub) wins.
    [1, 2, false, "Naruto/Season 01/Naruto - S01E02 - Zwei [German Sub].mkv", 4, "de-sub"],
  ]);
  expect(files(s, aot.id)).toEqual([
    [1, 1, false, "Attack on Titan (2013)/Attack on Titan - S01E001 - (German Dub).mp4", 2, "de"],
    [1, 2, false, "Attack on Titan (2013)/Attack on Titan - S01E002-E003 - (English Sub).mp4", 3, "en-sub"],
    [1, 3, false, "Attack on Titan (2013)/Attack on Titan - S01E002-E003 - (English Sub).mp4", 3, "en-sub"],
  ]);
});

test("deleting the database and rescanning recovers the same series identities", async () => {
  const { tmp, open } = setup();
  const first = open();
  await first.scan();
  const before = allSeries(first.queries).map((r) => [r.catalogKey, r.title, r.folder, r.episodesOnDisk]);
  first.close();
  rmSync(join(tmp.path, "data"), { recursive: true, force: true });
  expect(existsSync(join(tmp.path, "data"))).toBe(false);
  const second = open();
  const job = await second.scan();
  expect(job.result?.created).toBe(2);
  const after = allSeries(second.queries).map((r) => [r.catalogKey, r.title, r.folder, r.episodesOnDisk]);
  expect(after).toEqual(before);
  expect(after).toEqual([
    ["aniworld:attack-on-titan", "Attack on Titan", "Attack on Titan (2013)", 3],
    ["aniworld:naruto", "Naruto", "Naruto", 4],
  ]);
});

test("rescans are incremental, notice vanished files, and targeted scans read one folder", async () => {
  const { root, open } = setup();
  const s = open();
  await s.scan();
  const again = await s.scan();
  expect([again.result?.unchanged, again.result?.matched, again.result?.created]).toEqual([3, 2, 0]);
  expect(again.result?.unmatched.map((u) => u.folder)).toEqual(["Some Anime [tmdbid-1]"]);

  const naruto = new SeriesRepository(s.db.db).findByCatalogKey("aniworld:naruto")!;
  new EpisodesRepository(s.db.db).storeCatalogEpisodes(naruto.id, [
    { season: 1, number: 1, titleDe: "Heimkehr", titleEn: null, languages: ["de", "de-sub"] },
    { season: 1, number: 2, titleDe: "Zwei", titleEn: null, languages: ["de-sub"] },
    { season: 1, number: 3, titleDe: "Drei", titleEn: null, languages: ["de"] },
  ]);
  unlinkSync(join(root, "Naruto", "Season 01", "Naruto - S01E01 - Heimkehr [German Dub].mkv"));
  unlinkSync(join(root, "Naruto", "Specials", "Naruto - S00E02 - Link [German Dub].mp4"));
  const third = await s.scan();
  expect(third.result?.unchanged).toBe(2);
  expect(files(s, naruto.id)).toEqual([
    [0, 1, false, "Naruto/Specials/Naruto - S00E01 - Der Film [German Dub].mp4", 1, "de"],
    [1, 1, true, null, null, null],
    [1, 2, true, "Naruto/Season 01/Naruto - S01E02 - Zwei [German Sub].mkv", 4, "de-sub"],
    [1, 3, true, null, null, null],
  ]);

  const one = await s.scan({ seriesId: naruto.id });
  expect([one.kind, one.folders, one.result?.folders, one.result?.matched]).toEqual([
    "series",
    ["Naruto"],
    1,
    1,
  ]);
  rmSync(join(root, "Naruto"), { recursive: true });
  const gone = await s.scan({ folder: "Naruto" });
  expect(gone.state).toBe("completed");
  expect(files(s, naruto.id)).toEqual([
    [1, 1, true, null, null, null],
    [1, 2, true, null, null, null],
    [1, 3, true, null, null, null],
  ]);
});

test("missing = catalogue episodes without a file, in any or only the preferred languages", async () => {
  const { open } = setup();
  const s = open();
  await s.scan();
  const naruto = new SeriesRepository(s.db.db).findByCatalogKey("aniworld:naruto")!;
  new EpisodesRepository(s.db.db).storeCatalogEpisodes(naruto.id, [
    { season: 1, number: 1, titleDe: "Heimkehr", titleEn: null, languages: ["de"] },
    { season: 1, number: 3, titleDe: "Drei", titleEn: null, languages: ["de", "en-sub"] },
    { season: 1, number: 4, titleDe: "Vier", titleEn: null, languages: ["en"] },
  ]);
  expect(s.queries.missing().map((m) => [m.seriesTitle, m.season, m.number])).toEqual([
    ["Naruto", 1, 3],
    ["Naruto", 1, 4],
  ]);
  s.settings.update({ missingMode: "preferred" });
  expect(s.queries.missing(naruto.id).map((m) => m.number)).toEqual([3]);
  const row = allSeries(s.queries).find((r) => r.id === naruto.id)!;
  expect([row.episodesOnDisk, row.episodesMissing, row.episodesTotal]).toEqual([4, 1, 3]);
  new SeriesRepository(s.db.db).update(naruto.id, { languages: ["en"] });
  expect(s.queries.missing(naruto.id).map((m) => m.number)).toEqual([4]);
  const detail = s.queries.get(naruto.id);
  expect(detail.episodes.map((e) => [e.season, e.number, e.onDisk, e.missing])).toEqual([
    [0, 1, true, false],
    [0, 2, true, false],
    [1, 1, true, false],
    [1, 2, true, false],
    [1, 3, false, false],
    [1, 4, false, true],
  ]);
  expect(() => s.queries.get(99999)).toThrow(/no series/);
  expect(() => s.queries.missing(99999)).toThrow(/no series/);
});

test("a library root that does not exist fails the job without touching the database", async () => {
  const { tmp, open } = setup();
  const s = open();
  await s.scan();
  rmSync(join(tmp.path, "library"), { recursive: true });
  const job = await s.scan();
  expect(job.state).toBe("failed");
  expect(job.error).toMatch(/cannot read the library root/);
  expect(allSeries(s.queries).map((r) => r.episodesOnDisk)).toEqual([3, 4]);
  expect(() => s.scans.requestScan({ folder: "../etc" })).toThrow(/one folder name/);
  expect(() => s.scans.requestScan({ seriesId: 424242 })).toThrow(/no series/);
});

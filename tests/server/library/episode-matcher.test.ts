import { expect, test } from "bun:test";
import { matchEpisodeFiles, readingOf } from "../../../server/library/episode-matcher.ts";
import type { ScannedFile } from "../../../shared/library-scan.ts";

/** Catalogue: specials, then season 1 with 12 episodes, season 2 with 13, season 3 with 10. */
const CATALOGUE = [
  { season: 0, number: 1 },
  ...Array.from({ length: 12 }, (_, i) => ({ season: 1, number: i + 1 })),
  ...Array.from({ length: 13 }, (_, i) => ({ season: 2, number: i + 1 })),
  ...Array.from({ length: 10 }, (_, i) => ({ season: 3, number: i + 1 })),
];
const PREFERENCE = ["de", "de-sub", "en-sub"];
const rank = (l: string | null) =>
  l === null || !PREFERENCE.includes(l) ? PREFERENCE.length : PREFERENCE.indexOf(l);

function file(
  path: string,
  season: number | null,
  numbers: number[],
  language: ScannedFile["language"] = null,
) {
  return season === null
    ? { path, size: 1, season, episodes: [], absolute: numbers, language }
    : { path, size: 1, season, episodes: numbers, absolute: [], language };
}

/** A file whose season was written as a tag apart from its number ("S2 - 14"). */
const tagged = (path: string, season: number, numbers: number[]) => ({
  ...file(path, season, numbers),
  seasonTag: true,
});

test("absolute numbers count through the catalogue's season lengths (specials excluded)", () => {
  const r = matchEpisodeFiles(
    [
      file("T/a - 01.mkv", null, [1]),
      file("T/a - 13.mkv", null, [13]),
      file("T/a - 26.mkv", null, [26]),
      file("T/a - 35.mkv", null, [35]),
    ],
    [],
    () => CATALOGUE,
    rank,
  );
  expect(r.files.map((f) => [f.filePath, f.season, f.number])).toEqual([
    ["T/a - 01.mkv", 1, 1],
    ["T/a - 13.mkv", 2, 1],
    ["T/a - 26.mkv", 3, 1],
    ["T/a - 35.mkv", 3, 10],
  ]);
  expect(r.unmatched).toEqual([]);
});

test("numbers past the catalogue, names without numbers and beaten duplicates are unmatched, not dropped", () => {
  const r = matchEpisodeFiles(
    [
      file("T/a - 36.mkv", null, [36]),
      file("T/a - 34-40.mkv", null, [34, 35, 36, 37, 38, 39, 40]),
      file("T/b S01E02 [German Sub].mkv", 1, [2], "de-sub"),
      file("T/b S01E02 [German Dub].mkv", 1, [2], "de"),
      file("T/b S01E02 [English Sub].mkv", 1, [2], "en-sub"),
    ],
    ["T/Behind the scenes.mkv"],
    () => CATALOGUE,
    rank,
  );
  expect(r.files.map((f) => [f.filePath, f.season, f.number])).toEqual([
    ["T/a - 34-40.mkv", 3, 9],
    ["T/a - 34-40.mkv", 3, 10],
    ["T/b S01E02 [German Dub].mkv", 1, 2],
  ]);
  expect(r.unmatched).toEqual([
    { path: "T/Behind the scenes.mkv", reason: "no-number", reading: null },
    { path: "T/a - 36.mkv", reason: "not-in-catalogue", reading: "absolute 36" },
    { path: "T/b S01E02 [English Sub].mkv", reason: "duplicate", reading: "S01E02" },
    { path: "T/b S01E02 [German Sub].mkv", reason: "duplicate", reading: "S01E02" },
  ]);
});

test("without a catalogue yet, absolute numbers are read as season 1 and the catalogue is read once at most", () => {
  let reads = 0;
  const r = matchEpisodeFiles(
    [file("T/a - 05.mkv", null, [5]), file("T/a - 06.mkv", null, [6]), file("T/S01E01.mkv", 1, [1])],
    [],
    () => {
      reads++;
      return [];
    },
    rank,
  );
  expect(reads).toBe(1);
  expect(r.files.map((f) => [f.season, f.number])).toEqual([
    [1, 5],
    [1, 6],
    [1, 1],
  ]);
  const seasonedOnly = matchEpisodeFiles(
    [file("T/S01E01.mkv", 1, [1])],
    [],
    () => {
      throw new Error("the catalogue is not needed for season/episode names");
    },
    rank,
  );
  expect(seasonedOnly.files).toHaveLength(1);
});

test("readingOf shows what the parser read", () => {
  expect(readingOf(file("x", 2, [5, 6, 7]))).toBe("S02E05-E07");
  expect(readingOf(file("x", 0, [1]))).toBe("S00E01");
  expect(readingOf(file("x", null, [130]))).toBe("absolute 130");
  expect(readingOf(file("x", null, [1, 2]))).toBe("absolute 1-2");
  expect(readingOf(file("x", null, []))).toBeNull();
});

test("one file per episode attaches as it is, whether or not path order is episode order", () => {
  const inOrder = [
    file("T/a S01E01.mkv", 1, [1], "de"),
    file("T/a S01E02.mkv", 1, [2]),
    file("T/a S02E01.mkv", 2, [1]),
  ];
  // Path order differs from episode order here ("T/a …" sorts before "T/b …"), and one file names two.
  const mixed = [
    file("T/a S01E03.mkv", 1, [3]),
    file("T/b S01E01-E02.mkv", 1, [1, 2]),
    file("T/c S00E01.mkv", 0, [1]),
  ];
  const noCatalogue = () => {
    throw new Error("season 1 files, and later seasons starting at episode 1, never need the catalogue");
  };
  const attached = (files: ScannedFile[]) =>
    matchEpisodeFiles(files, [], noCatalogue, rank).files.map((f) => [f.season, f.number, f.filePath]);
  expect(attached(inOrder)).toEqual([
    [1, 1, "T/a S01E01.mkv"],
    [1, 2, "T/a S01E02.mkv"],
    [2, 1, "T/a S02E01.mkv"],
  ]);
  expect(attached(mixed)).toEqual([
    [1, 3, "T/a S01E03.mkv"],
    [1, 1, "T/b S01E01-E02.mkv"],
    [1, 2, "T/b S01E01-E02.mkv"],
    [0, 1, "T/c S00E01.mkv"],
  ]);
  expect(matchEpisodeFiles(inOrder, ["T/z.mkv", "T/b.mkv"], noCatalogue, rank).unmatched).toEqual([
    { path: "T/b.mkv", reason: "no-number", reading: null },
    { path: "T/z.mkv", reason: "no-number", reading: null },
  ]);
});

test("numbers counted on from earlier seasons land on the season's own episodes when they fit exactly", () => {
  // Season lengths 12, 13, 10: season 2 holds absolute 13-25, season 3 absolute 26-35.
  let reads = 0;
  const catalogue = () => {
    reads++;
    return CATALOGUE;
  };
  const r = matchEpisodeFiles(
    [
      tagged("T/[Grp] a S2 - 13.mkv", 2, [13]),
      tagged("T/[Grp] a S2 - 14.mkv", 2, [14]),
      tagged("T/[Grp] a S3 - 26.mkv", 3, [26]),
      tagged("T/[Grp] a S3 - 34-35.mkv", 3, [34, 35]),
      tagged("T/[Grp] a S3 - 36.mkv", 3, [36]),
      tagged("T/[Grp] a S3 - 20.mkv", 3, [20]),
    ],
    [],
    catalogue,
    rank,
  );
  expect(reads).toBe(1);
  expect(r.files.map((f) => [f.filePath, f.season, f.number])).toEqual([
    // 13 is within season 2's length: its own episode 13, as written.
    ["T/[Grp] a S2 - 13.mkv", 2, 13],
    ["T/[Grp] a S2 - 14.mkv", 2, 2],
    ["T/[Grp] a S3 - 26.mkv", 3, 1],
    ["T/[Grp] a S3 - 34-35.mkv", 3, 9],
    ["T/[Grp] a S3 - 34-35.mkv", 3, 10],
    // Past the catalogue (36) or landing in another season (20 is season 2's): kept as written, not guessed.
    ["T/[Grp] a S3 - 36.mkv", 3, 36],
    ["T/[Grp] a S3 - 20.mkv", 3, 20],
  ]);
  expect(r.unmatched).toEqual([]);

  // A folder whose later season starts at a number past 1 reads the catalogue even when its files are in order.
  const ordered = matchEpisodeFiles(
    [tagged("T/[Grp] a S2 - 14.mkv", 2, [14]), tagged("T/[Grp] a S2 - 15.mkv", 2, [15])],
    [],
    () => CATALOGUE,
    rank,
  );
  expect(ordered.files.map((f) => [f.season, f.number])).toEqual([
    [2, 2],
    [2, 3],
  ]);
  // Without a catalogue for the season, nothing is remapped.
  const bare = matchEpisodeFiles([tagged("T/a S2 - 30.mkv", 2, [30])], [], () => [], rank);
  expect(bare.files.map((f) => [f.season, f.number])).toEqual([[2, 30]]);

  // S03E26 counts within its season as written (Sonarr's seasons may be split differently from the
  // catalogue's), and such a folder keeps the fast path that never reads the catalogue.
  let sonarrReads = 0;
  const sonarr = matchEpisodeFiles(
    [file("T/a - S02E14.mkv", 2, [14]), file("T/a - S03E26.mkv", 3, [26])],
    [],
    () => {
      sonarrReads++;
      return CATALOGUE;
    },
    rank,
  );
  expect(sonarr.files.map((f) => [f.season, f.number])).toEqual([
    [2, 14],
    [3, 26],
  ]);
  expect(sonarrReads).toBe(0);
});

import { expect, test } from "bun:test";
import * as v from "valibot";
import type { ScannedFolder } from "../../shared/library-scan.ts";
import { packFiles, ScanWireMessageSchema, unpackFolders } from "../../shared/scan-wire.ts";

const folder = (name: string, files: ScannedFolder["files"]): ScannedFolder => ({
  folder: name,
  mtimes: { "": 1.5, "Season 01": 2 },
  identity: null,
  nfoTitle: null,
  artwork: { poster: true, fanart: false, logo: false, banner: false, nfo: true },
  files,
  unparsed: [`${name}/junk.mkv`],
  issues: [],
  exists: true,
  complete: true,
});

const sample: ScannedFolder[] = [
  folder("A", [
    { path: "A/S01E01.mkv", size: 12, season: 1, episodes: [1], absolute: [], language: "de" },
    {
      path: "A/S01E02-E04 ünï\ncode.mkv",
      size: 2 ** 40,
      season: 1,
      episodes: [2, 3, 4],
      absolute: [],
      language: null,
    },
    { path: "A/013.mkv", size: 0, season: null, episodes: [], absolute: [13], language: "en" },
  ]),
  folder("Empty", []),
  folder("B", [
    { path: "B/Specials/x.mkv", size: 5, season: 0, episodes: [1], absolute: [], language: "en-sub" },
  ]),
];

const facts = (folders: ScannedFolder[]) => folders.map(({ files: _f, ...rest }) => rest);

test("files survive the trip as columns, through a structured clone and the message schema", () => {
  const message = structuredClone({
    type: "folders",
    jobId: "j",
    folders: facts(sample),
    files: packFiles(sample),
    unchanged: ["C"],
    done: 4,
  });
  const parsed = v.parse(ScanWireMessageSchema, message);
  if (parsed.type !== "folders") throw new Error("wrong type");
  expect(unpackFolders(parsed.folders, parsed.files)).toEqual(sample);
  expect(unpackFolders([], packFiles([]))).toEqual([]);
});

test("columns that do not add up, or hold values a file cannot have, are rejected", () => {
  const cases: [string, (p: ReturnType<typeof packFiles>) => void][] = [
    ["folder count", (p) => (p.perFolder = new Uint32Array([3, 0]))],
    ["file count", (p) => (p.perFolder = new Uint32Array([3, 0, 9]))],
    ["left-over", (p) => (p.perFolder = new Uint32Array([1, 0, 1]))],
    ["path count", (p) => (p.paths = "only one path")],
    ["column lengths", (p) => (p.seasons = new Int32Array(2))],
    ["size", (p) => (p.sizes[0] = -1)],
    ["size", (p) => (p.sizes[0] = 1.5)],
    ["size", (p) => (p.sizes[0] = Number.NaN)],
    ["season", (p) => (p.seasons[0] = -7)],
    ["language", (p) => (p.languages[0] = 200)],
    ["numbers", (p) => (p.episodeCounts[0] = 999)],
    ["left-over", (p) => (p.numbers = new Uint32Array([...p.numbers, 7]))],
    ["path too long", (p) => (p.paths = `${"x".repeat(5000)}${p.paths.slice(p.paths.indexOf("\0"))}`)],
  ];
  for (const [expected, spoil] of cases) {
    const packed = packFiles(sample);
    spoil(packed);
    expect(() => unpackFolders(facts(sample), packed)).toThrow(expected);
  }
  const notTyped = {
    type: "folders",
    jobId: "j",
    folders: [],
    files: { ...packFiles([]), sizes: [1] },
    unchanged: [],
    done: 0,
  };
  expect(v.safeParse(ScanWireMessageSchema, notTyped).success).toBe(false);
});

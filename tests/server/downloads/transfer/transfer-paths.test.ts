import { afterAll, expect, test } from "bun:test";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  audioPartPathOf,
  partPathFor,
  removeTransferLeftovers,
  remuxPartPathFor,
  resumeStatePathOf,
  segmentSlotPathOf,
} from "../../../../server/downloads/transfer/transfer-paths.ts";
import { isTransferLeftover } from "../../../../shared/media-files.ts";
import { tempDir } from "../../../helpers/temp-dir.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const hls = { kind: "hls" as const, url: "https://cdn.example/master.m3u8", headers: {} };
const file = (path: string) => ({ kind: "file" as const, url: `https://cdn.example${path}`, headers: {} });

test("part names: .ts.part for HLS, the URL's own extension for a file, .mp4 when it has none we know", () => {
  expect(partPathFor("/lib/A/Ep", hls)).toBe("/lib/A/Ep.ts.part");
  expect(partPathFor("/lib/A/Ep", file("/v/x.MKV"))).toBe("/lib/A/Ep.mkv.part");
  expect(partPathFor("/lib/A/Ep", file("/v/x.php"))).toBe("/lib/A/Ep.mp4.part");
});

test("every name a transfer writes counts as a leftover; episodes, artwork and NFOs do not", () => {
  const part = partPathFor("Show S01E01", hls);
  const audio = audioPartPathOf(part);
  const written = [
    part,
    resumeStatePathOf(part),
    segmentSlotPathOf(part, 0),
    segmentSlotPathOf(part, 11),
    audio,
    resumeStatePathOf(audio),
    segmentSlotPathOf(audio, 3),
    remuxPartPathFor("Show S01E01.mp4"),
    partPathFor("Show S01E01", file("/x.webm")),
    "Show S01E01.MKV.PART",
  ];
  for (const name of written) expect(isTransferLeftover(name)).toBe(true);
  for (const name of [
    "Show S01E01.mp4",
    "Show S01E01.ts",
    "Show S01E01.nfo",
    "tvshow.nfo",
    "part.mp4",
    "x.party",
  ])
    expect(isTransferLeftover(name)).toBe(false);
});

test("removing an episode's leftovers takes every kind and width, and nothing of the finished file or other episodes", async () => {
  const dir = join(tmp.path, "Season 01");
  mkdirSync(dir);
  const base = join(dir, "Show S01E01");
  const part = partPathFor(base, hls);
  const audio = audioPartPathOf(part);
  const leftovers = [
    part,
    resumeStatePathOf(part),
    segmentSlotPathOf(part, 0),
    // A window wider than the default leaves slots with higher numbers.
    segmentSlotPathOf(part, 9),
    audio,
    resumeStatePathOf(audio),
    segmentSlotPathOf(audio, 2),
    remuxPartPathFor(`${base}.mp4`),
    partPathFor(base, file("/x.mkv")),
    resumeStatePathOf(partPathFor(base, file("/x.avi"))),
  ];
  const kept = [
    `${base}.mp4`,
    `${base}.nfo`,
    `${base}-thumb.jpg`,
    // Another episode whose name starts with this one's.
    partPathFor(join(dir, "Show S01E010"), hls),
    audioPartPathOf(partPathFor(join(dir, "Show S01E010"), hls)),
    // Not written by a transfer: another tool's name, and an upper-case variant we never write.
    `${base}.flv.part`,
    `${base}.MP4.PART`,
  ];
  for (const path of [...leftovers, ...kept]) writeFileSync(path, "x");
  // A folder named like a part file is not a transfer's: it stays too.
  mkdirSync(`${base}.ts.part.s5`);

  await removeTransferLeftovers(base);
  expect(readdirSync(dir).sort()).toEqual(
    [...kept.map((p) => p.slice(dir.length + 1)), "Show S01E01.ts.part.s5"].sort(),
  );
});

test("a folder that does not exist holds no leftovers", async () => {
  await removeTransferLeftovers(join(tmp.path, "gone", "Show S01E01"));
  expect(readdirSync(tmp.path)).not.toContain("gone");
});

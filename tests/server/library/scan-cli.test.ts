import { afterEach, expect, test } from "bun:test";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { buildMixedLibrary } from "../../helpers/library-fixture.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Runs the CLI; as root it drops to "nobody" so a folder without permission really is unreadable. */
function cli(args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, main, ...args]
    : [process.execPath, main, ...args];
  const r = Bun.spawnSync(cmd, { stdout: "pipe", stderr: "pipe", env: { ...process.env, HOME: "/tmp" } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

test("aniworld scan --json reports every series folder; an unreadable folder is reported, not fatal", () => {
  const tmp = tempDir();
  cleanups.push(() => {
    chmodSync(join(tmp.path, "library", "Locked"), 0o755);
    tmp.cleanup();
  });
  chmodSync(tmp.path, 0o755);
  buildMixedLibrary(join(tmp.path, "library"), join(tmp.path, "outside"), { locked: true });
  const r = cli(["scan", "--library", join(tmp.path, "library"), "--json"]);
  expect(r.err).toContain("Outside Link: symlink-outside-root");
  expect(r.code).toBe(0);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.folder, l.key, l.episodesOnDisk, l.complete])).toEqual([
    ["Attack on Titan (2013)", "aniworld:attack-on-titan", 3, true],
    ["Locked", null, 0, false],
    ["Naruto", "aniworld:naruto", 4, true],
    ["Some Anime [tmdbid-1]", null, 2, true],
  ]);
  const [aot, locked, naruto, anime] = lines;
  expect(aot.keySource).toBe("nfo");
  expect(naruto.keySource).toBe("sidecar");
  expect(naruto.artwork).toEqual({ poster: true, fanart: true, logo: true, banner: false, nfo: true });
  expect(aot.artwork).toEqual({ poster: false, fanart: false, logo: true, banner: false, nfo: true });
  expect(anime.artwork.poster).toBe(true);
  expect(anime.unparsed).toEqual(["Some Anime [tmdbid-1]/Behind the curtain.mkv"]);
  expect(anime.suggestion.catalogKey).toBe("aniworld:some-anime");
  expect(locked.issues).toEqual([{ path: "Locked", problem: "unreadable", message: expect.any(String) }]);
});

test("aniworld scan prints a table; a missing library exits 1", () => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  chmodSync(tmp.path, 0o755);
  buildMixedLibrary(join(tmp.path, "library"), join(tmp.path, "outside"));
  const r = cli(["scan", "--library", join(tmp.path, "library")]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^FOLDER\s+KEY\s+EPISODES\s+ART\s+NOTES/);
  expect(r.out).toContain("unmatched; suggested aniworld:some-anime");
  expect(r.out).toContain("3 series folders: 2 matched, 1 unmatched");
  const missing = cli(["scan", "--library", join(tmp.path, "nope")]);
  expect(missing.code).toBe(1);
  expect(missing.err).toContain("cannot read the library");
});

test("aniworld parse answers every supported form, one exact JSON object per name", () => {
  const names = [
    "Show S01E01.mkv",
    "show.s01.e01.mkv",
    "Show S01 - E01.mkv",
    "Show S01 E01.mkv",
    "Show 1x01.mkv",
    "[1x01] Pilot.mkv",
    "Show S01E01-E03.mkv",
    "Show S01E01E02.mkv",
    "Show 1x01-1x02.mkv",
    "Show S01E001.mkv",
    "Season 1/01.mkv",
    "Season 01/01.mkv",
    "Staffel 1/01.mkv",
    "S01/01.mkv",
    "Specials/01.mkv",
    "Filme/01.mkv",
    "[Group] Title - 013 [1080p][ABCD1234].mkv",
    "Title - 013 - Name.mkv",
    "Title - 09v2.mkv",
    "Season 01/Naruto - S01E01 - Heimkehr [German Dub].mkv",
    "Naruto - S01E001 - (German Sub).mp4",
  ];
  const r = cli(["parse", ...names, "--json"]);
  expect(r.code).toBe(0);
  const out = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(out.map((o) => Object.keys(o))).toEqual(
    names.map(() => [
      "input",
      "title",
      "season",
      "episodes",
      "absolute",
      "language",
      "version",
      "episodeTitle",
      "year",
      "group",
      "confidence",
    ]),
  );
  expect(out.map((o) => [o.season, o.episodes, o.absolute])).toEqual([
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1, 2, 3], []],
    [1, [1, 2], []],
    [1, [1, 2], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [1, [1], []],
    [0, [1], []],
    [0, [1], []],
    [null, [], [13]],
    [null, [], [13]],
    [null, [], [9]],
    [1, [1], []],
    [1, [1], []],
  ]);
  expect(out.at(-2)).toEqual({
    input: names.at(-2),
    title: "Naruto",
    season: 1,
    episodes: [1],
    absolute: [],
    language: "de",
    version: null,
    episodeTitle: "Heimkehr",
    year: null,
    group: null,
    confidence: 0.97,
  });
  expect(out.at(-1).language).toBe("de-sub");
  expect(cli(["parse"]).code).toBe(2);
});

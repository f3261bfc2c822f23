import { afterAll, expect, test } from "bun:test";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { tempDir } from "../../helpers/temp-dir.ts";

/**
 * `aniworld parse --json` over every file of a generated library in the shapes real collections have: the
 * names Aniworld writes, Sonarr's default, fansub releases, scene releases (some in release folders with a hash
 * for a file name), German "Staffel/Folge" names and specials. The expected reading of each file is recorded
 * when the file is written; the CLI's answer for the path relative to the library root must match it.
 */
const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Expected {
  season: number | null;
  episodes: number[];
  absolute: number[];
  title: string;
}
const expected = new Map<string, Expected>();
const root = join(tmp.path, "library");
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function put(rel: string, want: Expected) {
  const full = join(root, rel);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, "");
  expected.set(rel, want);
}

const SERIES = [
  "Harbor Tale",
  "Kono Sora no Uta",
  "Tower of Ruaga",
  "86 - Eighty Six",
  "Re Zero",
  "Dr. Stone",
  "Mob Psycho 100",
  "Spy x Family",
  "Sousou no Tabibito",
  "Boruto - Next Generations",
  "Vinland Saga",
  "K-On!",
];
const LANGS = ["German Dub", "German Sub", "English Sub"];
SERIES.forEach((title, i) => {
  const seasons = 1 + (i % 3);
  let absolute = 0;
  for (let s = 1; s <= seasons; s++) {
    for (let e = 1; e <= 13; e++) {
      absolute++;
      const want = { season: s, episodes: [e], absolute: [], title };
      const lang = LANGS[(e + i) % LANGS.length];
      switch (i % 6) {
        case 0:
          put(`${title}/Season ${pad(s)}/${title} - S${pad(s)}E${pad(e)} - Folge ${e} [${lang}].mkv`, want);
          break;
        case 1:
          put(`${title}/Season ${s}/${title} - S${pad(s)}E${pad(e)} - A Title WEBDL-1080p.mkv`, want);
          break;
        case 2: {
          const crc = (absolute * 2654435761).toString(16).slice(-8).toUpperCase().padStart(8, "0");
          put(`${title}/[SubsPlease] ${title} - ${pad(absolute)} (1080p) [${crc}].mkv`, {
            season: null,
            episodes: [],
            absolute: [absolute],
            title,
          });
          break;
        }
        case 3: {
          const dotted = title.replace(/[^A-Za-z0-9]+/g, ".");
          const release = `${dotted}.S${pad(s)}E${pad(e)}.1080p.WEB.h264-GRP`;
          const hash = (absolute * 40503 + 7).toString(16).padStart(32, "a");
          if (e % 2 === 0)
            put(`${title}/${release}/${hash}.mkv`, { ...want, title: dotted.replace(/\./g, " ") });
          else put(`${title}/${release}.mkv`, { ...want, title: dotted.replace(/\./g, " ") });
          break;
        }
        case 4:
          put(`${title}/Staffel ${s}/${title} - Staffel ${s} Folge ${e}.mp4`, want);
          break;
        default:
          put(`${title}/Season ${pad(s)}/${title} - ${s}x${pad(e)} - Name.mkv`, want);
      }
    }
  }
  put(`${title}/Specials/${title} - S00E01 - Special.mkv`, { season: 0, episodes: [1], absolute: [], title });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [relative(root, full)];
  });
}

test("every file name of a generated library parses to the episode it was written for", () => {
  const names = files(root).sort();
  expect(names.length).toBe(expected.size);
  expect(names.length).toBeGreaterThan(250);
  const r = Bun.spawnSync([process.execPath, main, "parse", "--json", ...names], {
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(r.stderr.toString()).toBe("");
  expect(r.exitCode).toBe(0);
  const out = r.stdout
    .toString()
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { input: string } & Expected);
  expect(out.map((o) => o.input)).toEqual(names);
  const wrong = out.filter((o) => {
    const want = expected.get(o.input);
    return (
      !want ||
      o.season !== want.season ||
      JSON.stringify(o.episodes) !== JSON.stringify(want.episodes) ||
      JSON.stringify(o.absolute) !== JSON.stringify(want.absolute) ||
      o.title !== want.title
    );
  });
  expect(wrong).toEqual([]);
});

import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { LoadingRepository } from "../../db/repositories/loading-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import { EventsService } from "../../server/events/events-service.ts";
import type { Language } from "../../shared/languages.ts";
import type { StepResult } from "../../shared/loader-messages.ts";
import { expectCountersMatchEpisodes } from "../helpers/counters.ts";
import { libraryServices } from "../helpers/services.ts";
import { tempDir } from "../helpers/temp-dir.ts";

/**
 * series.list reads per-series counters; this drives every writer of the episodes table — the loader's
 * episodes step, the monitor's catalogue store, full and targeted scans, finished downloads, vanished
 * files and deleted series — in a random order and checks after each operation that the stored counters
 * equal a recount of the episode rows. The seeds are fixed, so a failure names the seed that reproduces it.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const SERIES = ["Alpha", "Beta", "Gamma"];
const LANGUAGE_SETS: Language[][] = [["de"], ["de", "de-sub"], ["en-sub"], [], ["en", "de-sub"]];
const TAG: Record<Language, string> = {
  de: "German Dub",
  "de-sub": "German Sub",
  "en-sub": "English Sub",
  en: "English Dub",
};

/** mulberry32: a small seeded generator, so every run of a seed makes the same operations. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { int, pick };
}

function catalogueList(r: ReturnType<typeof random>) {
  const list = [];
  for (let season = 0; season <= 2; season++)
    for (let number = 1; number <= 4; number++)
      if (r.int(3) > 0)
        list.push({ season, number, titleDe: null, titleEn: `E${number}`, languages: r.pick(LANGUAGE_SETS) });
  return list;
}

function episodeFile(folder: string, season: number, number: number, language: Language): string {
  const s = String(season).padStart(2, "0");
  const e = String(number).padStart(2, "0");
  return `${folder}/Season ${s}/${folder} - S${s}E${e} - x [${TAG[language]}].mkv`;
}

async function runSeed(seed: number): Promise<void> {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  const s = libraryServices(join(tmp.path, "data"), root);
  cleanups.unshift(s.close);
  const events = new EventsService(s.db.db);
  const loading = new LoadingRepository(s.db.db, events);
  const episodes = new EpisodesRepository(s.db.db);
  const seriesRepo = new SeriesRepository(s.db.db);
  for (const folder of SERIES) {
    mkdirSync(join(root, folder), { recursive: true });
    const sidecar = { catalogKey: `aniworld:${folder.toLowerCase()}`, title: folder, year: null };
    writeFileSync(join(root, folder, ".aniworld.json"), JSON.stringify(sidecar));
  }
  await s.scan();
  const r = random(seed);
  const ids = () => SERIES.map((f) => seriesRepo.findByFolder(f)?.id).filter((id) => id !== undefined);
  const writeFile = (relative: string) => {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), "x".repeat(1 + r.int(9)));
  };

  const operations: Record<string, () => Promise<unknown> | unknown> = {
    loaderEpisodesStep: () => {
      const id = r.pick(ids());
      if (id === undefined) return;
      const row = seriesRepo.findById(id);
      const result: StepResult = {
        step: "episodes",
        details: {
          slug: row?.catalogKey.slice("aniworld:".length) ?? "x",
          title: row?.title ?? "x",
          alternativeTitles: [],
          startYear: null,
          endYear: null,
          description: "",
          genres: [],
          coverUrl: null,
          backdropUrl: null,
          ageRating: null,
          imdbId: null,
          seasons: [0, 1, 2],
        },
        episodes: catalogueList(r).map((e) => ({ ...e, hosters: [] })),
      };
      return loading.apply(id, [{ type: "done", result }]);
    },
    monitorStore: () => {
      const id = r.pick(ids());
      if (id !== undefined) episodes.storeCatalogEpisodes(id, catalogueList(r));
    },
    fileAppears: () => {
      writeFile(
        episodeFile(r.pick(SERIES), r.int(3), 1 + r.int(5), r.pick(["de", "de-sub", "en-sub"] as const)),
      );
    },
    fileVanishes: () => {
      const folder = join(root, r.pick(SERIES));
      const files = existsSync(folder)
        ? readdirSync(folder, { recursive: true })
            .map(String)
            .filter((f) => f.endsWith(".mkv"))
        : [];
      if (files.length) rmSync(join(folder, r.pick(files)));
    },
    fullScan: () => s.scan(),
    targetedScan: () => s.scan({ folder: r.pick(SERIES) }),
    downloadFinished: () => {
      const id = r.pick(ids());
      if (id === undefined) return;
      const row = seriesRepo.findById(id);
      const missing = episodes.listBySeries(id).filter((e) => e.inCatalog && e.filePath === null);
      if (!row || missing.length === 0) return;
      const episode = r.pick(missing);
      const relative = episodeFile(row.folder, episode.season, episode.number, "de");
      writeFile(relative);
      episodes.markOnDisk(episode.id, { path: relative, size: 5, language: "de" });
    },
    seriesDeleted: () => {
      // The folder and its sidecar stay: the next scan brings the series back with the files on disk.
      const id = r.pick(ids());
      if (id !== undefined) s.db.sqlite.run("DELETE FROM series WHERE id = ?", [id]);
    },
    preferenceChanged: () => {
      const id = r.pick(ids());
      if (id !== undefined) seriesRepo.update(id, { languages: r.pick([null, ["en-sub"], ["de", "en"]]) });
    },
  };
  const names = Object.keys(operations);
  const done: string[] = [];
  for (let i = 0; i < 40; i++) {
    const name = r.pick(names);
    done.push(name);
    await operations[name]?.();
    try {
      expectCountersMatchEpisodes(s.db.db);
    } catch (error) {
      throw new Error(`seed ${seed}, after ${done.join(" → ")}`, { cause: error });
    }
  }
  // The mix did reach the counters: some series has catalogue episodes and files by now.
  const totals = s.db.sqlite
    .query<{ total: number; onDisk: number }, []>(
      "SELECT sum(episodes_total) AS total, sum(episodes_on_disk) AS onDisk FROM series_counters",
    )
    .get();
  expect(totals?.total ?? 0).toBeGreaterThan(0);
  expect(new Set(done).size).toBeGreaterThan(5);
}

for (const seed of [1, 7, 42, 1234, 98765])
  test(`counters equal a recount after a random mix of loader, monitor, scan, download and delete writes (seed ${seed})`, async () => {
    await runSeed(seed);
  });

import { type BenchGroup, type Metric, round } from "../metric.ts";
import { type BenchApp, concurrentLatencies, openReadOnly, startBenchApp } from "../support/bench-app.ts";
import { startStandIns } from "../support/stand-ins.ts";

const SERIES = 200;
const TMDB_KEY = "0123456789abcdef0123456789abcdef";

export interface LoadingBenchOptions {
  binary?: boolean;
  /** Catalogue series beyond the `count` that addAll adds, for the group's own use (`spareSlugs`). */
  spareSeries?: number;
  /** The hoster stand-in's rate per video (0 = unthrottled). */
  hosterBytesPerSecond?: number;
  /** More environment for the app process. */
  env?: Record<string, string>;
}

/**
 * Three processes: the stand-ins for `count` series, the app pointed at them (rate limits off, TMDB on),
 * and this one generating load. Settings go through the API with the bench's key, like any script's.
 */
export async function startLoadingBench(count: number, options: LoadingBenchOptions = {}) {
  const standIns = await startStandIns(
    count + (options.spareSeries ?? 0),
    TMDB_KEY,
    options.hosterBytesPerSecond,
  );
  const slugs = standIns.slugs.slice(0, count);
  const bench = await startBenchApp({
    binary: options.binary ?? false,
    env: {
      ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
      ANIWORLD_CATALOG_URL: standIns.catalogUrl,
      ANIWORLD_TMDB_URL: standIns.tmdbUrl,
      ANIWORLD_TMDB_IMAGE_URL: standIns.tmdbImageUrl,
      ...options.env,
    },
  });
  await bench.mutate("settings.update", {
    tmdbApiKey: TMDB_KEY,
    catalogRatePerSecond: 1000,
    tmdbRatePerSecond: 1000,
  });
  return {
    slugs,
    spareSlugs: standIns.slugs.slice(count),
    bench,
    /** Adds every stand-in series through series.add (10 clients at a time). */
    async addAll() {
      await concurrentLatencies(10, slugs.length, async (i) => {
        await bench.mutate("series.add", { catalogKey: `aniworld:${slugs[i]}` });
      });
    },
    async close() {
      await bench.close();
      await standIns.stop();
    },
  };
}

/**
 * Resolves when no series is left pending or loading; returns how many failed. Polls the app's database
 * file over a read-only connection of this process (WAL: readers never block the app's writers).
 */
export async function loadersIdle(bench: BenchApp, pollMs = 20): Promise<number> {
  const db = openReadOnly(bench.dbPath);
  const busy = db.prepare<{ n: number }, []>(
    "SELECT count(*) AS n FROM series WHERE loading_status NOT IN ('completed', 'failed')",
  );
  while (busy.get()!.n > 0) await Bun.sleep(pollMs);
  const failed = db
    .prepare<{ n: number }, []>("SELECT count(*) AS n FROM series WHERE loading_status = 'failed'")
    .get()!.n;
  db.close();
  return failed;
}

export const loaderGroup: BenchGroup = {
  name: "loader",
  description: `${SERIES} series fully loaded (episodes, NFO, logo, images) from the stand-ins, rate limits off`,
  async run(): Promise<Metric[]> {
    const run = await startLoadingBench(SERIES);
    const started = performance.now();
    await run.addAll();
    const failed = await loadersIdle(run.bench);
    const seconds = (performance.now() - started) / 1000;
    const settings = await fetch(`${run.bench.url}/trpc/settings.get`, { headers: run.bench.headers });
    const concurrency = ((await settings.json()) as { result: { data: { loaderConcurrency: number } } })
      .result.data.loaderConcurrency;
    await run.close();
    if (failed) console.error(`# loader: ${failed} series failed`);
    return [
      {
        metric: "loader_series_per_s",
        value: round(SERIES / seconds, 1),
        unit: "/s",
        target: `≥ 50 (concurrency ${concurrency})`,
      },
    ];
  },
};

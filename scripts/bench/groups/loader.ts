import { startCatalogueServer } from "../../stand-ins/catalogue-server.ts";
import { startTmdbServer } from "../../stand-ins/tmdb-server.ts";
import { type BenchGroup, type Metric, round } from "../metric.ts";
import { startBenchApp } from "../support/bench-app.ts";

const SERIES = 200;
const TMDB_KEY = "0123456789abcdef0123456789abcdef";

/** Starts the stand-ins for `count` series and the app pointed at them with rate limits off and TMDB on. */
export async function startLoadingBench(count: number) {
  const catalogue = startCatalogueServer({ count });
  const tmdb = startTmdbServer({ apiKey: TMDB_KEY, series: catalogue.series });
  const bench = await startBenchApp({
    ANIWORLD_CATALOG_URL: catalogue.url,
    ANIWORLD_TMDB_URL: tmdb.apiUrl,
    ANIWORLD_TMDB_IMAGE_URL: tmdb.imageUrl,
  });
  bench.app.services.settings.update({
    tmdbApiKey: TMDB_KEY,
    catalogRatePerSecond: 1000,
    tmdbRatePerSecond: 1000,
  });
  return {
    catalogue,
    bench,
    async close() {
      await bench.close();
      await Promise.all([catalogue.stop(), tmdb.stop()]);
    },
  };
}

/** Resolves when no series is left pending or loading (and reports how many failed). */
export async function loadersIdle(bench: Awaited<ReturnType<typeof startLoadingBench>>["bench"]) {
  const sqlite = bench.app.services.db.sqlite;
  const count = sqlite.prepare<{ n: number }, []>(
    "SELECT count(*) AS n FROM series WHERE loading_status NOT IN ('completed', 'failed')",
  );
  while (count.get()!.n > 0) await Bun.sleep(5);
  return sqlite
    .prepare<{ n: number }, []>("SELECT count(*) AS n FROM series WHERE loading_status = 'failed'")
    .get()!.n;
}

export const loaderGroup: BenchGroup = {
  name: "loader",
  description: `${SERIES} series fully loaded (episodes, NFO, logo, images) from the stand-ins, rate limits off`,
  async run(): Promise<Metric[]> {
    const run = await startLoadingBench(SERIES);
    const { services } = run.bench.app;
    const started = performance.now();
    for (const s of run.catalogue.series) await services.seriesWrite.add(`aniworld:${s.slug}`);
    const failed = await loadersIdle(run.bench);
    const seconds = (performance.now() - started) / 1000;
    await run.close();
    if (failed) console.error(`# loader: ${failed} series failed`);
    return [
      {
        metric: "loader_series_per_s",
        value: round(SERIES / seconds, 1),
        unit: "/s",
        target: `≥ 50 (concurrency ${services.settings.get().loaderConcurrency})`,
      },
    ];
  },
};

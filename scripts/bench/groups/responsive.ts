import { Database } from "bun:sqlite";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import type { BenchApp } from "../support/bench-app.ts";
import { seedSeries } from "../support/seed.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const LIBRARY = 10_000;
const LOADING = 200;

/**
 * series.list's first window (100 rows, the library page's first call) over a 10,000-series library,
 * called back to back over HTTP (API key) from this process
 * while the app process loads 200 series. The app's RSS (/proc/<pid>/status, worker included) is sampled
 * after every call. The downloads engine is not part of this run (2 downloads are not simulated here).
 */
export async function responsiveRun(options: { binary?: boolean } = {}) {
  const run = await startLoadingBench(LOADING, options);
  const { bench } = run;
  // The library is seeded straight into the app's database file (its own connection; WAL) before measuring.
  const seedDb = new Database(bench.dbPath);
  seedDb.run("PRAGMA busy_timeout = 5000");
  seedSeries(seedDb, LIBRARY);
  seedDb.close();
  const list = async () => {
    const t0 = performance.now();
    const res = await fetch(`${bench.url}/trpc/series.list`, { headers: bench.headers });
    if (res.status !== 200) throw new Error(`series.list answered ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) await list(); // warm-up
  const rssWarm = await bench.rssMb();
  const rssBefore = await settledRssMb(bench);
  let rssPeak = rssBefore;
  const splitBefore = await bench.rssSplitMb();
  let splitPeak = splitBefore;
  const latencies: number[] = [];
  let loading = true;
  const idle = run
    .addAll()
    .then(() => loadersIdle(bench))
    .then(() => {
      loading = false;
    });
  while (loading) {
    latencies.push(await list());
    const rss = await bench.rssMb();
    if (rss > rssPeak) {
      rssPeak = rss;
      splitPeak = await bench.rssSplitMb();
    }
  }
  await idle;
  const command = bench.command;
  await run.close();
  latencies.sort((a, b) => a - b);
  return { latencies, rssBefore, rssWarm, rssDeltaMb: rssPeak - rssBefore, splitBefore, splitPeak, command };
}

/**
 * The app's RSS at rest: the median of 5 samples 300 ms apart. Right after the warm-up Bun still holds
 * ~15 MB it returns a moment later, at no fixed time; one sample there made the delta swing by that much.
 */
async function settledRssMb(bench: BenchApp): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    await Bun.sleep(300);
    samples.push(await bench.rssMb());
  }
  return percentile(
    samples.sort((a, b) => a - b),
    50,
  );
}

export const responsiveGroup: BenchGroup = {
  name: "responsive",
  description: `series.list first window over ${LIBRARY} series while ${LOADING} series load (no downloads in this run)`,
  async run(): Promise<Metric[]> {
    const { latencies, command } = await responsiveRun();
    console.error(`# responsive: ${latencies.length} list calls (app = ${command})`);
    return [
      { metric: "list_p50_ms_under_load", value: round(percentile(latencies, 50)), unit: "ms" },
      {
        metric: "list_p99_ms_under_load",
        value: round(percentile(latencies, 99)),
        unit: "ms",
        target: "≤ 50",
      },
    ];
  },
};

import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { seedSeries } from "../support/seed.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const LIBRARY = 10_000;
const LOADING = 200;

/**
 * series.list over a 10,000-series library, called back to back over HTTP while 200 series load. The
 * downloads engine is not part of this run (2 downloads are not simulated here).
 */
export async function responsiveRun(onSample?: () => void) {
  const run = await startLoadingBench(LOADING);
  const { services } = run.bench.app;
  seedSeries(services.db.sqlite, LIBRARY);
  const list = async () => {
    const t0 = performance.now();
    const res = await fetch(`${run.bench.url}/trpc/series.list`);
    if (res.status !== 200) throw new Error(`series.list answered ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  await list(); // warm-up
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  for (const s of run.catalogue.series) await services.seriesWrite.add(`aniworld:${s.slug}`);
  const latencies: number[] = [];
  let loading = true;
  const idle = loadersIdle(run.bench).then(() => {
    loading = false;
  });
  while (loading) {
    latencies.push(await list());
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    onSample?.();
  }
  await idle;
  await run.close();
  latencies.sort((a, b) => a - b);
  return { latencies, rssDeltaMb: (rssPeak - rssBefore) / 1024 / 1024 };
}

export const responsiveGroup: BenchGroup = {
  name: "responsive",
  description: `series.list over ${LIBRARY} series while ${LOADING} series load (no downloads in this run)`,
  async run(): Promise<Metric[]> {
    const { latencies } = await responsiveRun();
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

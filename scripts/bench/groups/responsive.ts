import { Database } from "bun:sqlite";
import type { DownloadItem } from "../../../shared/downloads.ts";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import type { BenchApp } from "../support/bench-app.ts";
import { seedSeries } from "../support/seed.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const LIBRARY = 10_000;
const LOADING = 200;
const DOWNLOADS = 2;
/**
 * What each download gets from the hoster stand-in: 16 MiB/s (134 Mbit/s) per video, however many
 * segments the app fetches side by side; both together move 32 MiB/s (a 270 Mbit/s line) through the app.
 */
const HOSTER_BYTES_PER_SECOND = 16 * 1024 ** 2;

/**
 * series.list's first window (100 rows, the library page's first call) over a 10,000-series library,
 * called back to back over HTTP (API key) from this process while the app process loads 200 series and
 * runs 2 downloads. The downloads are the product's own: two more catalogue series added with "download
 * missing", so the app's queue (2 at a time, the default) resolves their episodes through the catalogue and
 * hoster stand-ins and fetches the media into the library; each episode is far longer than the run. The
 * app's RSS (/proc/<pid>/status, worker included) is sampled after every call.
 */
export interface ResponsiveOptions {
  binary?: boolean;
  /** Series loaded during the run (default 200). */
  loading?: number;
  /** Downloads running during the run (default 2). */
  downloads?: number;
  /** The run lasts at least this long (the memory group's parts of the load last as long as all of it). */
  minSeconds?: number;
}

export async function responsiveRun(options: ResponsiveOptions = {}) {
  const loadingCount = options.loading ?? LOADING;
  const downloadCount = options.downloads ?? DOWNLOADS;
  const run = await startLoadingBench(loadingCount, {
    binary: options.binary ?? false,
    spareSeries: downloadCount,
    hosterBytesPerSecond: HOSTER_BYTES_PER_SECOND,
  });
  const { bench } = run;
  // The library is seeded straight into the app's database file (its own connection; WAL) before measuring.
  const seedDb = new Database(bench.dbPath);
  seedDb.run("PRAGMA busy_timeout = 5000");
  seedSeries(seedDb, LIBRARY);
  seedDb.close();
  let lastAnswer = new Uint8Array();
  const list = async () => {
    const t0 = performance.now();
    const res = await fetch(`${bench.url}/trpc/series.list`, { headers: bench.headers });
    if (res.status !== 200) throw new Error(`series.list answered ${res.status}`);
    lastAnswer = await res.bytes();
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
  const started = performance.now();
  const minMs = (options.minSeconds ?? 0) * 1000;
  for (const slug of run.spareSlugs)
    await bench.mutate("series.add", { catalogKey: `aniworld:${slug}`, downloadMissing: true });
  const idle = run
    .addAll()
    .then(() => loadersIdle(bench))
    .then(() => {
      loading = false;
    });
  while (loading || performance.now() - started < minMs) {
    latencies.push(await list());
    const rss = await bench.rssMb();
    if (rss > rssPeak) {
      rssPeak = rss;
      splitPeak = await bench.rssSplitMb();
    }
  }
  await idle;
  const seconds = (performance.now() - started) / 1000;
  // The downloads must have run for the whole load, or the figure measured less than it claims.
  const running = (await downloadItems(bench)).filter((d) => d.state === "downloading");
  if (running.length < downloadCount)
    throw new Error(
      `only ${running.length} of ${downloadCount} downloads were still running at the end of the load`,
    );
  const downloadedMb = running.reduce((sum, d) => sum + d.bytesDone, 0) / 1024 ** 2;
  const hosters = running.map((d) => d.hoster).join(", ");
  const command = bench.command;
  await run.close();
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    rssBefore,
    rssWarm,
    rssDeltaMb: rssPeak - rssBefore,
    splitBefore,
    splitPeak,
    command,
    seconds,
    calls: latencies.length,
    lastAnswer,
    downloads: { running: running.length, downloadedMb, hosters },
  };
}

async function downloadItems(bench: BenchApp): Promise<DownloadItem[]> {
  const res = await fetch(`${bench.url}/trpc/downloads.list`, { headers: bench.headers });
  if (res.status !== 200) throw new Error(`downloads.list answered ${res.status}`);
  return ((await res.json()) as { result: { data: DownloadItem[] } }).result.data;
}

/**
 * The app's RSS at rest: the median of 5 samples 300 ms apart. Right after the warm-up Bun still holds
 * ~15 MB it returns a moment later, at no fixed time; one sample there made the delta swing by that much.
 */
export async function settledRssMb(bench: Pick<BenchApp, "rssMb">): Promise<number> {
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
  description: `series.list first window over ${LIBRARY} series while ${LOADING} series load and ${DOWNLOADS} downloads run`,
  async run(): Promise<Metric[]> {
    const { latencies, command, downloads } = await responsiveRun();
    console.error(
      `# responsive: ${latencies.length} list calls (app = ${command}); ${downloads.running} downloads ` +
        `(${downloads.hosters}) running throughout, ${round(downloads.downloadedMb, 1)} MB fetched by the end`,
    );
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

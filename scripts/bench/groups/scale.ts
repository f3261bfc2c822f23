/**
 * Group "scale": series.list windows over 10,000 and 100,000 series (24 catalogue episodes each, a
 * series-dependent share on disk, mixed languages, some monitored / failed / loading) through the real tRPC
 * HTTP path (API key) of the app running from source in its own process.
 * Figures per size: the first window of 100 rows (p50 / p99 of sequential calls), the last window (the End
 * key), filter and sort changes (each call a different filter or sort than the one before), a title
 * search; the window's size on the wire; growth 10k → 100k; a bare baseline beside the first window: a
 * plain Bun.serve answering the same 100 rows from the same file with one prepared SELECT (the physical
 * minimum of the work), so the ratio shows what the stack adds.
 */

import { Database } from "bun:sqlite";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { type BenchApp, startBenchApp } from "../support/bench-app.ts";
import { seedLibrary } from "../support/seed.ts";

const EPISODES = 24;
const CALLS = 200;
const CHANGES: Record<string, unknown>[] = [
  { filter: "missing" },
  { sort: "year" },
  { filter: "monitored" },
  { sort: "missing" },
  { filter: "failed" },
  { sort: "added" },
  { filter: "loading" },
  { sort: "title", order: "desc" },
  { filter: "unmonitored", sort: "year" },
  { filter: "missing", sort: "missing" },
];

const urlOf = (base: string, input: Record<string, unknown>) =>
  `${base}/trpc/series.list?input=${encodeURIComponent(JSON.stringify(input))}`;

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200)
    throw new Error(`series.list answered ${res.status}: ${new TextDecoder().decode(body)}`);
  return { ms, bytes: body.byteLength };
}

async function sample(urls: string[], headers: Record<string, string>, calls: number) {
  for (let i = 0; i < 10; i++) await timed(urls[i % urls.length]!, headers); // warm-up
  const times: number[] = [];
  const perUrl: number[][] = urls.map(() => []);
  let bytes = 0;
  for (let i = 0; i < calls; i++) {
    const r = await timed(urls[i % urls.length]!, headers);
    times.push(r.ms);
    perUrl[i % urls.length]!.push(r.ms);
    bytes = Math.max(bytes, r.bytes);
  }
  return { times: times.sort((a, b) => a - b), bytes, perUrl: perUrl.map((t) => t.sort((a, b) => a - b)) };
}

/** The baseline: Bun.serve + one prepared SELECT of the same 100 rows + JSON, no framework, no auth. */
function bareServer(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const rows = db.prepare(
    `SELECT s.id, s.catalog_key, s.title, s.folder, s.year, s.cover_url, s.monitored, s.loading_status,
       s.episodes_loaded, s.nfo_loaded, s.logo_loaded, s.images_loaded, s.loading_error,
       c.episodes_on_disk, c.episodes_total, c.episodes_missing
     FROM series s JOIN series_counters c ON c.series_id = s.id
     ORDER BY s.title COLLATE NOCASE, s.id LIMIT 100`,
  );
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: () => Response.json(rows.all()),
  });
  return {
    url: `http://127.0.0.1:${server.port}/`,
    async close() {
      await server.stop(true);
      db.close();
    },
  };
}

async function measure(size: number) {
  const bench: BenchApp = await startBenchApp();
  try {
    // Seeded into the running app's file (its own connection; WAL), after the start-up backfill ran on an
    // empty library, so no loading work competes with the measurement.
    const seed = new Database(bench.dbPath);
    seed.run("PRAGMA busy_timeout = 5000");
    const t0 = performance.now();
    seedLibrary(seed, size, EPISODES);
    seed.close();
    console.error(
      `# scale: seeded ${size} series × ${EPISODES} episodes in ${round((performance.now() - t0) / 1000, 1)} s`,
    );
    const h = bench.headers;
    const first = await sample([urlOf(bench.url, { limit: 100 })], h, CALLS);
    const last = await sample([urlOf(bench.url, { limit: 100, offset: size - 100 })], h, CALLS / 2);
    const changes = await sample(
      CHANGES.map((c) => urlOf(bench.url, { ...c, limit: 100 })),
      h,
      CALLS,
    );
    const search = await sample(
      ["dragon aca", "night 12", "ocean", "sword 99"].map((q) => urlOf(bench.url, { search: q, limit: 100 })),
      h,
      CALLS / 2,
    );
    const bare = bareServer(bench.dbPath);
    const baseline = await sample([bare.url], {}, CALLS);
    await bare.close();
    return { first, last, changes, search, baseline };
  } finally {
    await bench.close();
  }
}

export const scaleGroup: BenchGroup = {
  name: "scale",
  description: `series.list windows over 10,000 and 100,000 series × ${EPISODES} episodes, tRPC over HTTP`,
  async run(): Promise<Metric[]> {
    const out: Metric[] = [];
    const p50s: Record<string, number> = {};
    for (const [size, tag, target] of [
      [10_000, "10k", "≤ 5"],
      [100_000, "100k", "≤ 10"],
    ] as const) {
      const r = await measure(size);
      // Which change costs what: the slowest shape is the one to give an index or a cheaper plan.
      console.error(
        `# scale ${tag}: change p50/max ms per shape: ${CHANGES.map(
          (c, i) =>
            `${JSON.stringify(c)} ${round(percentile(r.changes.perUrl[i]!, 50))}/${round(Math.max(...r.changes.perUrl[i]!))}`,
        ).join("; ")}`,
      );
      const p99 = percentile(r.first.times, 99);
      const base99 = percentile(r.baseline.times, 99);
      p50s[tag] = percentile(r.first.times, 50);
      out.push(
        { metric: `list_window_p50_ms_${tag}`, value: round(p50s[tag]), unit: "ms" },
        {
          metric: `list_window_p99_ms_${tag}`,
          value: round(p99),
          unit: "ms",
          baseline: round(base99),
          ratio: round(p99 / base99),
          target,
        },
        { metric: `list_last_window_p99_ms_${tag}`, value: round(percentile(r.last.times, 99)), unit: "ms" },
        {
          metric: `list_change_p99_ms_${tag}`,
          value: round(percentile(r.changes.times, 99)),
          unit: "ms",
          target: "≤ 20",
        },
        { metric: `list_search_p99_ms_${tag}`, value: round(percentile(r.search.times, 99)), unit: "ms" },
      );
      if (tag === "100k")
        out.push({
          metric: "list_window_bytes",
          value: round(Math.max(r.first.bytes, r.changes.bytes) / 1024, 1),
          unit: "KB",
          target: "≤ 64",
        });
    }
    out.push({
      metric: "list_window_growth_10k_to_100k",
      value: round((p50s["100k"] ?? 0) / (p50s["10k"] ?? 1)),
      unit: "x",
      target: "≤ 10 (linear at most; a window should not grow)",
    });
    return out;
  },
};

import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { concurrentLatencies } from "../support/bench-app.ts";
import { startLoadingBench } from "./loader.ts";

const CLIENTS = 50;
const TOTAL = 2_000;

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (res.status !== 200) throw new Error(`add answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** The physical minimum: Bun.serve parsing the same JSON body and doing one SQLite insert (same pragmas). */
async function bare(): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-bare-"));
  const db = new Database(join(dir, "bare.db"), { create: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("CREATE TABLE s (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, at INTEGER NOT NULL)");
  const insert = db.prepare("INSERT INTO s (key, at) VALUES (?, ?) RETURNING id");
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const body = (await req.json()) as { catalogKey: string };
      return Response.json({ result: { data: insert.get(body.catalogKey, Date.now()) } });
    },
  });
  const url = `http://127.0.0.1:${server.port}/`;
  const lat = await concurrentLatencies(CLIENTS, TOTAL, (i) =>
    post(url, JSON.stringify({ catalogKey: `aniworld:bare-${i}` })),
  );
  await server.stop(true);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return lat;
}

export const addGroup: BenchGroup = {
  name: "add",
  description: `${CLIENTS} concurrent tRPC HTTP clients add ${TOTAL} series while the loader works; vs bare Bun.serve + insert`,
  async run(): Promise<Metric[]> {
    // The loader works meanwhile: the stand-in catalogue's series load, and every benchmark add is queued too.
    const run = await startLoadingBench(100);
    const { bench } = run;
    for (const s of run.catalogue.series) await bench.app.services.seriesWrite.add(`aniworld:${s.slug}`);
    const url = `${bench.url}/trpc/series.add`;
    // Warm-up (JIT, prepared statements), then the measured run.
    await concurrentLatencies(10, 100, (i) =>
      post(url, JSON.stringify({ catalogKey: `aniworld:warm-${i}` })),
    );
    const lat = await concurrentLatencies(CLIENTS, TOTAL, (i) =>
      post(url, JSON.stringify({ catalogKey: `aniworld:bench-series-${i}` })),
    );
    const loader = bench.app.services.loader.stats();
    await run.close();
    const base = await bare();
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    const baseP99 = percentile(base, 99);
    console.error(`# add: at the end the loader was running ${loader.running}, with ${loader.queued} queued`);
    return [
      { metric: "add_p50_ms", value: round(p50), unit: "ms", baseline: round(percentile(base, 50)) },
      { metric: "add_p99_ms", value: round(p99), unit: "ms", baseline: round(baseP99), target: "≤ 5" },
      { metric: "add_vs_bare_ratio", value: round(p99 / baseP99), unit: "x", target: "≤ 3" },
    ];
  },
};

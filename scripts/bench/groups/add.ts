/**
 * Group "add": 50 closed-loop tRPC HTTP clients (API key) against the app process while its loader works.
 * Three contestants, all in this run: series.add, with the loading each add causes going on meanwhile;
 * system.ping, a no-op mutation through the same stack (Hono, origin check, security headers, request log,
 * context + API-key check, tRPC) in the same process once its loader is idle; and a bare Bun.serve doing
 * one SQLite insert (support/bare-add-server.ts).
 * The ratios compare medians (with closed-loop clients the median is clients × the server's time per
 * request); p99s and the main thread's CPU per request are printed beside them, then what each layer of the
 * stack costs by itself (support/middleware-cost.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchGroup, type Metric, percentile, ratioFigure, round } from "../metric.ts";
import { concurrentLatencies } from "../support/bench-app.ts";
import { mainThreadCpuMs, spawnChild } from "../support/child-process.ts";
import { middlewareCosts } from "../support/middleware-cost.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const CLIENTS = 50;
/**
 * Requests per contestant. With 2,000 the no-op's run lasted about 0.15 s and add_vs_noop_ratio ranged
 * 2.1–4.9 between back-to-back runs on this 2-core machine; with 10,000 (about 0.7 s and 3 s) two runs gave
 * 3.48 and 3.57.
 */
const TOTAL = 10_000;

interface Run {
  lat: number[];
  cpuMs: number;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers, body });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** Warm-up (JIT, prepared statements), then TOTAL requests; latencies and the server's main-thread CPU. */
async function measure(pid: number, request: (i: number, warm: boolean) => Promise<void>): Promise<Run> {
  await concurrentLatencies(10, 200, (i) => request(i, true));
  const cpu0 = await mainThreadCpuMs(pid);
  const lat = await concurrentLatencies(CLIENTS, TOTAL, (i) => request(i, false));
  return { lat, cpuMs: (await mainThreadCpuMs(pid)) - cpu0 };
}

async function bare(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-bare-"));
  const child = spawnChild([
    process.execPath,
    join(import.meta.dir, "..", "support", "bare-add-server.ts"),
    join(dir, "bare.db"),
  ]);
  try {
    const base = await child.waitFor((r) => (typeof r.url === "string" ? r.url : undefined));
    const headers = { "content-type": "application/json" };
    return await measure(child.pid, (i, warm) =>
      post(base, headers, JSON.stringify({ catalogKey: `aniworld:${warm ? "warm" : "bare"}-${i}` })),
    );
  } finally {
    await child.stop(2_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

const p50 = (r: Run) => percentile(r.lat, 50);
const p99 = (r: Run) => percentile(r.lat, 99);
const cpuPer = (r: Run) => round(r.cpuMs / TOTAL, 3);

export const addGroup: BenchGroup = {
  name: "add",
  description: `${CLIENTS} concurrent tRPC HTTP clients (API key): series.add (its loading going on) and a no-op mutation to the app process; a bare Bun.serve + insert process`,
  async run(): Promise<Metric[]> {
    // The loader works meanwhile: the stand-in catalogue's series load, and every benchmark add is queued too.
    const run = await startLoadingBench(100);
    const { bench } = run;
    await run.addAll();
    const ping = `${bench.url}/trpc/system.ping`;
    const add = `${bench.url}/trpc/series.add`;
    // The no-op measures the stack by itself, so the catalogue's series have finished loading; the adds then
    // run with the loading they cause themselves (each add queues its series), which is part of their cost.
    await loadersIdle(bench);
    const noop = await measure(bench.pid, () => post(ping, bench.headers, "{}"));
    const added = await measure(bench.pid, (i, warm) =>
      post(add, bench.headers, JSON.stringify({ catalogKey: `aniworld:${warm ? "warm" : "bench"}-${i}` })),
    );
    console.error(`# add: app = ${bench.command}`);
    await run.close();
    const base = await bare();
    const stack = await middlewareCosts();
    return [
      { metric: "add_p50_ms", value: round(p50(added)), unit: "ms", baseline: round(p50(noop)) },
      { metric: "add_p99_ms", value: round(p99(added)), unit: "ms", baseline: round(p99(noop)) },
      { metric: "noop_p50_ms", value: round(p50(noop)), unit: "ms", baseline: round(p50(base)) },
      { metric: "noop_p99_ms", value: round(p99(noop)), unit: "ms", baseline: round(p99(base)) },
      ratioFigure("add_vs_noop_ratio", p50(added), p50(noop), { target: "≤ 1.5" }),
      ratioFigure("noop_vs_bare_ratio", p50(noop), p50(base), { target: "≤ 3" }),
      ratioFigure("add_vs_bare_ratio", p50(added), p50(base)),
      // The main thread's CPU per request (the loader's messages during the run included): it moves far less
      // with the machine's load than latency does.
      { metric: "add_main_cpu_ms", value: cpuPer(added), unit: "ms", baseline: cpuPer(noop) },
      { metric: "noop_main_cpu_ms", value: cpuPer(noop), unit: "ms", baseline: cpuPer(base) },
      ...stack,
    ];
  },
};

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { concurrentLatencies } from "../support/bench-app.ts";
import { mainThreadCpuMs, spawnChild } from "../support/child-process.ts";
import { startLoadingBench } from "./loader.ts";

const CLIENTS = 50;
const TOTAL = 2_000;

async function post(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers, body });
  if (res.status !== 200) throw new Error(`add answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** The same load against the bare baseline, a process of its own (support/bare-add-server.ts). */
async function bare(): Promise<{ lat: number[]; cpuMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-bare-"));
  const child = spawnChild([
    process.execPath,
    join(import.meta.dir, "..", "support", "bare-add-server.ts"),
    join(dir, "bare.db"),
  ]);
  try {
    const base = await child.waitFor((r) => (typeof r.url === "string" ? r.url : undefined));
    const headers = { "content-type": "application/json" };
    await concurrentLatencies(10, 100, (i) =>
      post(base, headers, JSON.stringify({ catalogKey: `aniworld:warm-${i}` })),
    );
    const cpu0 = await mainThreadCpuMs(child.pid);
    const lat = await concurrentLatencies(CLIENTS, TOTAL, (i) =>
      post(base, headers, JSON.stringify({ catalogKey: `aniworld:bare-${i}` })),
    );
    return { lat, cpuMs: (await mainThreadCpuMs(child.pid)) - cpu0 };
  } finally {
    await child.stop(2_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const addGroup: BenchGroup = {
  name: "add",
  description: `${CLIENTS} concurrent tRPC HTTP clients (API key) add ${TOTAL} series to the app process while its loader works; vs a bare Bun.serve + insert process`,
  async run(): Promise<Metric[]> {
    // The loader works meanwhile: the stand-in catalogue's series load, and every benchmark add is queued too.
    const run = await startLoadingBench(100);
    const { bench } = run;
    await run.addAll();
    const url = `${bench.url}/trpc/series.add`;
    // Warm-up (JIT, prepared statements), then the measured run.
    await concurrentLatencies(10, 100, (i) =>
      post(url, bench.headers, JSON.stringify({ catalogKey: `aniworld:warm-${i}` })),
    );
    const cpu0 = await mainThreadCpuMs(bench.pid);
    const lat = await concurrentLatencies(CLIENTS, TOTAL, (i) =>
      post(url, bench.headers, JSON.stringify({ catalogKey: `aniworld:bench-series-${i}` })),
    );
    const cpuMs = (await mainThreadCpuMs(bench.pid)) - cpu0;
    console.error(`# add: app = ${bench.command}`);
    await run.close();
    const { lat: base, cpuMs: baseCpuMs } = await bare();
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    const baseP99 = percentile(base, 99);
    return [
      { metric: "add_p50_ms", value: round(p50), unit: "ms", baseline: round(percentile(base, 50)) },
      { metric: "add_p99_ms", value: round(p99), unit: "ms", baseline: round(baseP99), target: "≤ 5" },
      { metric: "add_vs_bare_ratio", value: round(p99 / baseP99), unit: "x", target: "≤ 3" },
      // Diagnostic: the app's main-thread CPU per add (the loader's messages during the run included). With
      // closed-loop clients, latency ≈ clients × this, and it moves far less with machine load than latency.
      {
        metric: "add_main_cpu_ms_per_add",
        value: round(cpuMs / TOTAL, 3),
        unit: "ms",
        baseline: round(baseCpuMs / TOTAL, 3),
      },
    ];
  },
};

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchGroup, type Metric, round } from "../metric.ts";

const BINARY = join(import.meta.dir, "..", "..", "..", "dist", "aniworld");

async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = s.port ?? 0;
  await s.stop(true);
  return port;
}

/** exec → first 200 from /healthz, polling every millisecond; a fresh data dir each run (migrations included). */
async function coldStartOnce(): Promise<{ ms: number; rssKb: number }> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-start-"));
  const port = await freePort();
  const started = performance.now();
  const proc = Bun.spawn(
    [BINARY, "--port", String(port), "--data-dir", join(dir, "data"), "--log-level", "warn"],
    {
      stdout: "ignore",
      stderr: "ignore",
    },
  );
  let ms = Number.NaN;
  while (performance.now() - started < 10_000) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      await Bun.sleep(1);
    }
  }
  await Bun.sleep(500);
  const status = await Bun.file(`/proc/${proc.pid}/status`)
    .text()
    .catch(() => "");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  proc.kill("SIGTERM");
  await proc.exited;
  rmSync(dir, { recursive: true, force: true });
  return { ms, rssKb };
}

export const startGroup: BenchGroup = {
  name: "start",
  description: "compiled binary: exec → first /healthz 200 (median of 10), RSS shortly after start",
  async run(): Promise<Metric[]> {
    if (!existsSync(BINARY)) throw new Error("dist/aniworld is missing: run `bun run build` first");
    const runs: { ms: number; rssKb: number }[] = [];
    for (let i = 0; i < 10; i++) runs.push(await coldStartOnce());
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const median = (times[4]! + times[5]!) / 2;
    const rss = runs.map((r) => r.rssKb).sort((a, b) => a - b)[5]! / 1024;
    return [
      { metric: "cold_start_ms", value: round(median, 1), unit: "ms", target: "≤ 100" },
      { metric: "start_rss_mb", value: round(rss, 1), unit: "MB", target: "idle ≤ 80" },
    ];
  },
};

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchGroup, type Metric, round } from "../metric.ts";
import { responsiveRun } from "./responsive.ts";

const BINARY = join(import.meta.dir, "..", "..", "..", "dist", "aniworld");

async function idleRssOfBinary(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-mem-"));
  const proc = Bun.spawn([BINARY, "--port", "0", "--data-dir", join(dir, "data"), "--log-level", "warn"], {
    stdout: "ignore",
    stderr: "ignore",
  });
  await Bun.sleep(2_000); // started, worker up, nothing to do
  const status = await Bun.file(`/proc/${proc.pid}/status`).text();
  proc.kill("SIGTERM");
  await proc.exited;
  rmSync(dir, { recursive: true, force: true });
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

export const memoryGroup: BenchGroup = {
  name: "memory",
  description: "idle RSS of dist/aniworld; RSS increase of the server process during the responsive load",
  async run(): Promise<Metric[]> {
    if (!existsSync(BINARY)) throw new Error("dist/aniworld is missing: run `bun run build` first");
    const idle = await idleRssOfBinary();
    // The responsive load runs in this process (server, worker, stand-ins and client share it), so this
    // delta is an upper bound for the server alone.
    const { rssDeltaMb } = await responsiveRun();
    return [
      { metric: "idle_rss_mb", value: round(idle, 1), unit: "MB", target: "≤ 80" },
      { metric: "load_rss_delta_mb", value: round(rssDeltaMb, 1), unit: "MB", target: "≤ 50" },
    ];
  },
};

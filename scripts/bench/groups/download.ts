/**
 * download: 1 GiB from the hoster stand-in (its own process) with the app's transfer engine, against
 * `curl -o` of the same URL in the same run. Both write to the same temporary folder. Besides the wall-clock
 * ratio it reports the median of the interleaved pairs and CPU time per GiB (both sides, all threads).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transferFile } from "../../../server/downloads/transfer/file-transfer.ts";
import { TokenBucket } from "../../../server/lib/token-bucket.ts";
import { NO_NETWORK_CONFIG, Outbound } from "../../../server/providers/net/outbound.ts";
import { type BenchGroup, type Metric, ratioFigure, round } from "../metric.ts";

/** The bench serves media from loopback stand-ins. */
const LOOPBACK_NET = new Outbound({ ...NO_NETWORK_CONFIG, allowPrivateHosts: true });

const SIZE = 1024 * 1024 * 1024;
const ROUNDS = 6;

async function startStandIn(): Promise<{ url: string; stop: () => Promise<void> }> {
  const proc = Bun.spawn(
    [
      process.execPath,
      join(import.meta.dir, "..", "..", "stand-ins", "hoster-server-main.ts"),
      "--size",
      String(SIZE),
    ],
    {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "inherit",
    },
  );
  const reader = proc.stdout.getReader();
  const first = await reader.read();
  const { url } = JSON.parse(new TextDecoder().decode(first.value).split("\n")[0]!) as { url: string };
  return {
    url,
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

interface Run {
  s: number;
  /** CPU time (user + system, all threads) of the downloading side, in ms. */
  cpuMs: number;
}

async function timeCurl(url: string, out: string): Promise<Run> {
  const start = performance.now();
  const proc = Bun.spawn(["curl", "-sS", "--fail", "-o", out, url], { stdout: "ignore", stderr: "inherit" });
  if ((await proc.exited) !== 0) throw new Error("curl failed");
  const s = (performance.now() - start) / 1000;
  if (statSync(out).size !== SIZE) throw new Error("curl got a short file");
  const usage = proc.resourceUsage();
  const cpuMs = usage ? (Number(usage.cpuTime.user) + Number(usage.cpuTime.system)) / 1000 : Number.NaN;
  return { s, cpuMs };
}

async function timeApp(url: string, part: string): Promise<Run> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const bytes = await transferFile({
    url,
    headers: {},
    partPath: part,
    signal: new AbortController().signal,
    net: LOOPBACK_NET,
    bucket: new TokenBucket(0),
    stallMs: 30_000,
    keepFreeBytes: 0,
  });
  const s = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (bytes !== SIZE) throw new Error("the transfer got a short file");
  return { s, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const downloadGroup: BenchGroup = {
  name: "download",
  description: "1 GiB from the local hoster stand-in: transfer engine vs curl -o (same run)",
  async run(): Promise<Metric[]> {
    const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-download-"));
    const standIn = await startStandIn();
    try {
      const url = `${standIn.url}/media/vidoza/bench.mp4`;
      // Warm the stand-in's pattern cache and the page cache for both sides alike.
      await timeCurl(url, join(dir, "warm.bin"));
      rmSync(join(dir, "warm.bin"));
      const curl: Run[] = [];
      const app: Run[] = [];
      const runCurl = async () => {
        curl.push(await timeCurl(url, join(dir, "curl.bin")));
        rmSync(join(dir, "curl.bin"));
      };
      const runApp = async () => {
        app.push(await timeApp(url, join(dir, "app.mp4.part")));
        rmSync(join(dir, "app.mp4.part"));
      };
      // Interleaved pairs, the order alternating so neither side always follows the other's write-back;
      // best of ROUNDS each: the machine is shared and single runs swing by ±40%.
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          await runCurl();
          await runApp();
        } else {
          await runApp();
          await runCurl();
        }
      }
      const mbps = (s: number) => SIZE / 1048576 / s;
      const appMbps = mbps(Math.min(...app.map((r) => r.s)));
      const curlMbps = mbps(Math.min(...curl.map((r) => r.s)));
      const pairRatios = app.map((r, i) => curl[i]!.s / r.s);
      const appCpu = median(app.map((r) => r.cpuMs));
      const curlCpu = median(curl.map((r) => r.cpuMs));
      console.error(
        `#   MB/s app  ${app.map((r) => Math.round(mbps(r.s))).join(" ")}\n` +
          `#   MB/s curl ${curl.map((r) => Math.round(mbps(r.s))).join(" ")}\n` +
          `#   pair ratios ${pairRatios.map((r) => r.toFixed(2)).join(" ")}\n` +
          `#   CPU ms/GiB app ${app.map((r) => Math.round(r.cpuMs)).join(" ")}; curl ${curl.map((r) => Math.round(r.cpuMs)).join(" ")}`,
      );
      return [
        { metric: "download_mb_s", value: round(appMbps, 1), unit: "MB/s", baseline: round(curlMbps, 1) },
        ratioFigure("download_vs_curl_ratio", appMbps, curlMbps, {
          target: "≥ 0.95",
          digits: 3,
          baselineDigits: 1,
        }),
        // Less noisy companions: the median of the interleaved pairs, and CPU time (all threads) per GiB,
        // which contention from other processes hardly moves.
        {
          metric: "download_vs_curl_pair_median",
          value: round(median(pairRatios), 3),
          unit: "x",
          ratio: round(median(pairRatios), 3),
        },
        {
          metric: "download_cpu_ms_per_gib",
          value: round(appCpu, 0),
          unit: "ms",
          baseline: round(curlCpu, 0),
          ratio: round(appCpu / curlCpu, 3),
          target: "≤ curl's",
        },
      ];
    } finally {
      await standIn.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

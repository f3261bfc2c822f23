/**
 * download: 1 GiB from the hoster stand-in (its own process) with the app's transfer engine, against
 * `curl -o` of the same URL in the same run. Both write to the same temporary folder.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transferFile } from "../../../server/downloads/transfer/file-transfer.ts";
import { TokenBucket } from "../../../server/downloads/transfer/token-bucket.ts";
import { type BenchGroup, type Metric, round } from "../metric.ts";

const SIZE = 1024 * 1024 * 1024;

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

async function timeCurl(url: string, out: string): Promise<number> {
  const start = performance.now();
  const proc = Bun.spawn(["curl", "-sS", "--fail", "-o", out, url], { stdout: "ignore", stderr: "inherit" });
  if ((await proc.exited) !== 0) throw new Error("curl failed");
  const s = (performance.now() - start) / 1000;
  if (statSync(out).size !== SIZE) throw new Error("curl got a short file");
  return s;
}

async function timeApp(url: string, part: string): Promise<number> {
  const start = performance.now();
  const bytes = await transferFile({
    url,
    headers: {},
    partPath: part,
    signal: new AbortController().signal,
    bucket: new TokenBucket(0),
    stallMs: 30_000,
    keepFreeBytes: 0,
  });
  const s = (performance.now() - start) / 1000;
  if (bytes !== SIZE) throw new Error("the transfer got a short file");
  return s;
}

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
      const curl: number[] = [];
      const app: number[] = [];
      // Interleaved, best of 4 each: the machine is shared and single runs swing by ±40%.
      for (let i = 0; i < 4; i++) {
        curl.push(await timeCurl(url, join(dir, "curl.bin")));
        rmSync(join(dir, "curl.bin"));
        app.push(await timeApp(url, join(dir, "app.mp4.part")));
        rmSync(join(dir, "app.mp4.part"));
      }
      const mbps = (s: number) => SIZE / 1048576 / s;
      const appMbps = mbps(Math.min(...app));
      const curlMbps = mbps(Math.min(...curl));
      return [
        { metric: "download_mb_s", value: round(appMbps, 1), unit: "MB/s", baseline: round(curlMbps, 1) },
        {
          metric: "download_vs_curl_ratio",
          value: round(appMbps / curlMbps, 3),
          unit: "x",
          baseline: round(curlMbps, 1),
          ratio: round(appMbps / curlMbps, 3),
          target: ">= 0.9",
        },
      ];
    } finally {
      await standIn.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

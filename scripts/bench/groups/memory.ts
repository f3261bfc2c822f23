import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchGroup, type Metric, round } from "../metric.ts";
import { startBenchApp } from "../support/bench-app.ts";
import { rssMbOf, spawnChild } from "../support/child-process.ts";
import { responsiveRun, settledRssMb } from "./responsive.ts";

/** RSS of the idle binary: started, signed in once, nothing to do (so no loader thread yet). */
async function idleRssOfBinary(): Promise<number> {
  const bench = await startBenchApp({ binary: true });
  await Bun.sleep(2_000);
  const rss = await bench.rssMb();
  const split = await bench.rssSplitMb();
  // Most of the file-backed part is the executable's own code (Bun and JavaScriptCore), not the app's.
  console.error(
    `# memory: idle ${round(split.anon, 1)} MB anonymous + ${round(split.file, 1)} MB file-backed ` +
      `(${split.threads} threads)`,
  );
  await bench.close();
  return rss;
}

/**
 * What the runtime alone grows by for the load's list calls: a bare Bun.serve (support/bare-list-server.ts)
 * answering the app's own first window, called back to back from here as many times as the load called the
 * app; RSS sampled after every call against its settled RSS, as for the app.
 */
async function bareListRssDelta(answer: Uint8Array, calls: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-bare-list-"));
  const file = join(dir, "answer.json");
  writeFileSync(file, answer);
  const child = spawnChild([
    process.execPath,
    join(import.meta.dir, "..", "support", "bare-list-server.ts"),
    file,
  ]);
  try {
    const url = await child.waitFor((r) => (typeof r.url === "string" ? r.url : undefined));
    const call = async () => {
      const res = await fetch(url);
      if (res.status !== 200) throw new Error(`the bare list server answered ${res.status}`);
      await res.bytes();
    };
    for (let i = 0; i < 5; i++) await call(); // warm-up, as for the app
    const rssMb = () => rssMbOf(child.pid);
    const before = await settledRssMb({ rssMb });
    let peak = before;
    for (let i = 0; i < calls; i++) {
      await call();
      peak = Math.max(peak, await rssMb());
    }
    return peak - before;
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const memoryGroup: BenchGroup = {
  name: "memory",
  description:
    "idle RSS of the dist/aniworld process; its RSS increase during the responsive load, and during each of its parts",
  async run(): Promise<Metric[]> {
    const idle = await idleRssOfBinary();
    // The app process alone (its /proc status): the load generator and the stand-ins are other processes.
    const { rssDeltaMb, rssBefore, rssWarm, splitBefore, splitPeak, seconds, downloads, calls, lastAnswer } =
      await responsiveRun({
        binary: true,
      });
    console.error(
      `# memory: app RSS ${round(rssBefore, 1)} MB settled before the load (10,000 series seeded; ` +
        `${round(rssWarm, 1)} MB right after the warm-up); at the peak +${round(splitPeak.anon - splitBefore.anon, 1)} MB ` +
        `anonymous, +${round(splitPeak.file - splitBefore.file, 1)} MB file-backed, ${splitPeak.threads} threads; ` +
        `${round(seconds, 1)} s, ${round(downloads.downloadedMb)} MB downloaded (${downloads.hosters})`,
    );
    // The same load in its two parts, each in a fresh app and as long as the whole: which part costs what.
    const loader = await responsiveRun({ binary: true, downloads: 0 });
    const downloadsOnly = await responsiveRun({ binary: true, loading: 0, minSeconds: seconds });
    console.error(
      `# memory: parts of the load: the list calls + 200 series loading +${round(loader.rssDeltaMb, 1)} MB; ` +
        `the list calls + 2 downloads +${round(downloadsOnly.rssDeltaMb, 1)} MB ` +
        `(${round(downloadsOnly.downloads.downloadedMb)} MB in ${round(downloadsOnly.seconds, 1)} s)`,
    );
    const bare = await bareListRssDelta(lastAnswer, calls);
    console.error(
      `# memory: a bare Bun.serve answering the same ${round(lastAnswer.length / 1024, 1)} KB window ${calls} ` +
        `times back to back (as many calls as the load made) grew by ${round(bare, 1)} MB`,
    );
    return [
      { metric: "idle_rss_mb", value: round(idle, 1), unit: "MB", target: "≤ 60" },
      { metric: "load_rss_delta_mb", value: round(rssDeltaMb, 1), unit: "MB", target: "≤ 50" },
      { metric: "load_rss_delta_loading_only_mb", value: round(loader.rssDeltaMb, 1), unit: "MB" },
      { metric: "load_rss_delta_downloads_only_mb", value: round(downloadsOnly.rssDeltaMb, 1), unit: "MB" },
      { metric: "load_rss_delta_bare_list_mb", value: round(bare, 1), unit: "MB" },
    ];
  },
};

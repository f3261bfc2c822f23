import { type BenchGroup, type Metric, round } from "../metric.ts";
import { startBenchApp } from "../support/bench-app.ts";
import { responsiveRun } from "./responsive.ts";

/** RSS of the idle binary: started, signed in once, loader worker up, nothing to do. */
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

export const memoryGroup: BenchGroup = {
  name: "memory",
  description: "idle RSS of the dist/aniworld process; its RSS increase during the responsive load",
  async run(): Promise<Metric[]> {
    const idle = await idleRssOfBinary();
    // The app process alone (its /proc status): the load generator and the stand-ins are other processes.
    const { rssDeltaMb, rssBefore, rssWarm, splitBefore, splitPeak } = await responsiveRun({ binary: true });
    console.error(
      `# memory: app RSS ${round(rssBefore, 1)} MB settled before the load (10,000 series seeded; ` +
        `${round(rssWarm, 1)} MB right after the warm-up); at the peak +${round(splitPeak.anon - splitBefore.anon, 1)} MB ` +
        `anonymous, +${round(splitPeak.file - splitBefore.file, 1)} MB file-backed, ${splitPeak.threads} threads`,
    );
    return [
      { metric: "idle_rss_mb", value: round(idle, 1), unit: "MB", target: "≤ 60" },
      { metric: "load_rss_delta_mb", value: round(rssDeltaMb, 1), unit: "MB", target: "≤ 50" },
    ];
  },
};

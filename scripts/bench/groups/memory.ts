import { type BenchGroup, type Metric, round } from "../metric.ts";
import { startBenchApp } from "../support/bench-app.ts";
import { responsiveRun } from "./responsive.ts";

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

export const memoryGroup: BenchGroup = {
  name: "memory",
  description:
    "idle RSS of the dist/aniworld process; its RSS increase during the responsive load, and during each of its parts",
  async run(): Promise<Metric[]> {
    const idle = await idleRssOfBinary();
    // The app process alone (its /proc status): the load generator and the stand-ins are other processes.
    const { rssDeltaMb, rssBefore, rssWarm, splitBefore, splitPeak, seconds, downloads } =
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
    return [
      { metric: "idle_rss_mb", value: round(idle, 1), unit: "MB", target: "≤ 60" },
      { metric: "load_rss_delta_mb", value: round(rssDeltaMb, 1), unit: "MB", target: "≤ 50" },
      { metric: "load_rss_delta_loading_only_mb", value: round(loader.rssDeltaMb, 1), unit: "MB" },
      { metric: "load_rss_delta_downloads_only_mb", value: round(downloadsOnly.rssDeltaMb, 1), unit: "MB" },
    ];
  },
};

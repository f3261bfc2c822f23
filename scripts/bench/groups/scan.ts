/**
 * Group "scan": a generated library of 2,000 series × 50 episode files (+ poster, fanart, logo, tvshow.nfo,
 * sidecar) in a temp dir. Figures: a full scan through LibraryScanService (worker walk + parse + writing
 * every series and episode to a fresh SQLite database) against `find ROOT -type f -printf …` on the same tree in the same
 * run, with its CPU time split by thread; the walk alone (what `aniworld scan` does) against the same baseline;
 * a warm (incremental) full rescan; and a targeted rescan of one series folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../../db/connection.ts";
import { EventsService } from "../../../server/events/events-service.ts";
import { LibraryScanService } from "../../../server/library/library-scan-service.ts";
import { ScanWorkerClient } from "../../../server/library/scan-worker-client.ts";
import { createLogger } from "../../../server/logger.ts";
import { SettingsService } from "../../../server/settings/settings-service.ts";
import { type BenchGroup, type Metric, percentile, ratioFigure, round } from "../metric.ts";
import { threadCpu, threadCpuMsSince } from "../support/thread-cpu.ts";

const SERIES = 2000;
const EPISODES = 50;

function generate(root: string): void {
  for (let s = 0; s < SERIES; s++) {
    const title = `Series ${String(s).padStart(4, "0")}`;
    const dir = join(root, title);
    mkdirSync(join(dir, "Season 01"), { recursive: true });
    writeFileSync(
      join(dir, ".aniworld.json"),
      JSON.stringify({ catalogKey: `aniworld:series-${s}`, title, year: 2000 }),
    );
    for (const art of ["poster.jpg", "fanart.jpg", "logo.png", "tvshow.nfo"])
      writeFileSync(join(dir, art), "");
    for (let e = 1; e <= EPISODES; e++) {
      const ep = String(e).padStart(2, "0");
      writeFileSync(join(dir, "Season 01", `${title} - S01E${ep} - Episode ${e} [German Dub].mkv`), "");
    }
  }
}

/**
 * Wall time of `find ROOT -type f -printf '%s %T@ %p\n'` (it stats every file for size and time, as the scan
 * must), and its CPU time (user + system), which the machine's noise barely moves.
 */
async function timeFind(root: string): Promise<{ ms: number; cpuMs: number }> {
  const t = performance.now();
  const proc = Bun.spawn(["find", root, "-type", "f", "-printf", "%s %T@ %p\n"], { stdout: "pipe" });
  await new Response(proc.stdout).arrayBuffer();
  await proc.exited;
  const ms = performance.now() - t;
  const usage = proc.resourceUsage();
  const cpuMs = usage ? Number(usage.cpuTime.user + usage.cpuTime.system) / 1000 : Number.NaN; // µs → ms
  return { ms, cpuMs };
}

export const scanGroup: BenchGroup = {
  name: "scan",
  description: `${SERIES} series × ${EPISODES} files: full scan vs find, targeted rescan`,
  async run(): Promise<Metric[]> {
    const tmp = mkdtempSync(join(tmpdir(), "aniworld-bench-scan-"));
    try {
      const root = join(tmp, "library");
      generate(root);
      Bun.spawnSync(["sync"]); // the 100k new files' writeback must not land inside either measurement
      const db = openDatabase(join(tmp, "data"));
      const settings = new SettingsService(db.db);
      const logger = createLogger({ level: "error", json: true, write: () => {} });
      const scans = new LibraryScanService(db.db, root, settings, logger, new EventsService(db.db));
      const scan = async (target = {}) => {
        const t = performance.now();
        const done = await scans.waitFor(scans.requestScan(target).jobId);
        if (done.state !== "completed") throw new Error(`scan failed: ${done.error}`);
        return { ms: performance.now() - t, done };
      };
      await timeFind(root); // warm the page cache for both contestants
      const finds = [await timeFind(root), await timeFind(root), await timeFind(root)];
      const findMs = Math.min(...finds.map((f) => f.ms));
      const findCpuMs = Math.min(...finds.map((f) => f.cpuMs));
      // The walk alone (worker: readdir + stat + parse, results validated on the main thread), as `aniworld scan` does.
      const walker = new ScanWorkerClient(); // one worker, like `aniworld scan` (its output streams in folder order)
      const walkStart = performance.now();
      let walked = 0;
      await walker.run(
        { type: "scan", jobId: "bench", root, folders: null, previous: {}, batchSize: 50 },
        (m) => {
          if (m.type === "folders") for (const f of m.folders) walked += f.files.length;
        },
      );
      const walkMs = performance.now() - walkStart;
      walker.close();
      if (walked !== SERIES * EPISODES) throw new Error("walk missed files");
      const cpuBefore = process.cpuUsage();
      const threadsBefore = threadCpu();
      const full = await scan();
      const cpu = process.cpuUsage(cpuBefore);
      const threads = threadCpuMsSince(threadsBefore);
      if (full.done.result?.episodesOnDisk !== SERIES * EPISODES)
        throw new Error("full scan missed episodes");
      const warm = await scan();
      const one: number[] = [];
      for (let i = 0; i < 30; i++)
        one.push((await scan({ folder: `Series ${String(i * 7).padStart(4, "0")}` })).ms);
      one.sort((a, b) => a - b);
      scans.close();
      db.close();
      return [
        { metric: "scan_full_s", value: round(full.ms / 1000, 3), unit: "s", target: "≤ 1 s" },
        ratioFigure("scan_vs_find_ratio", full.ms, findMs, { target: "≤ 2×", baselineDigits: 1 }),
        // CPU time of the whole process (all threads) during the full scan, against find's: the work done,
        // independent of how busy the shared machine is.
        ratioFigure("scan_full_cpu_vs_find_cpu_ratio", (cpu.user + cpu.system) / 1000, findCpuMs, {
          target: "≤ 3×",
          baselineDigits: 1,
        }),
        { metric: "scan_full_cpu_s", value: round((cpu.user + cpu.system) / 1e6, 3), unit: "s" },
        // Where that CPU time went (Linux only): the walk (worker: readdir, stat, parse), the main thread
        // (validating the worker's batches, matching, SQLite writes), JavaScriptCore's compiler threads, the rest.
        ...(threads.worker + threads.main > 0
          ? (["worker", "main", "jit", "other"] as const).map(
              (kind): Metric => ({
                metric: `scan_full_cpu_${kind}_s`,
                value: round(threads[kind] / 1000, 3),
                unit: "s",
              }),
            )
          : []),
        { metric: "scan_walk_s", value: round(walkMs / 1000, 3), unit: "s" },
        ratioFigure("scan_walk_vs_find_ratio", walkMs, findMs, { baselineDigits: 1 }),
        { metric: "scan_warm_full_s", value: round(warm.ms / 1000, 3), unit: "s" },
        { metric: "scan_one_ms", value: round(percentile(one, 50), 2), unit: "ms", target: "≤ 2 ms" },
      ];
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};

/**
 * Group "start": exec → first 200 from /healthz of the compiled binary (median of 10), beside a bare compiled
 * Bun.serve (support/bare-serve.ts, built into a temp dir here) in the same run. Three app figures: a fresh
 * data dir (migrations included), a restart on an existing 10,000-series database, and `--version`; for the
 * fresh start also the first answer of the API (loaded on first use), and the RSS beside the bare one's.
 */
import type { Database } from "bun:sqlite";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../../db/connection.ts";
import { SettingsService } from "../../../server/settings/settings-service.ts";
import { type BenchGroup, type Metric, ratioFigure, round } from "../metric.ts";
import { BINARY } from "../support/bench-app.ts";

const RUNS = 10;

async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = s.port ?? 0;
  await s.stop(true);
  return port;
}

interface StartRun {
  ms: number;
  /** exec → the first 200 of a public tRPC query sent right after /healthz's (the API loads on first use). */
  apiMs: number;
  rssKb: number;
}

/**
 * exec → first 200 from /healthz, polling every millisecond; with `api`, then one tRPC query; RSS half a
 * second later.
 */
async function startOnce(cmd: string[], api = false): Promise<StartRun> {
  const port = await freePort();
  const started = performance.now();
  const proc = Bun.spawn([...cmd, "--port", String(port)], {
    stdout: "ignore",
    stderr: "ignore",
    // Never the internet: a closed loopback port for every outside service.
    env: {
      ...process.env,
      ANIWORLD_CATALOG_URL: "http://127.0.0.1:9",
      ANIWORLD_TMDB_URL: "http://127.0.0.1:9/3",
      ANIWORLD_TMDB_IMAGE_URL: "http://127.0.0.1:9/t/p",
    },
  });
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
  let apiMs = Number.NaN;
  if (api && !Number.isNaN(ms)) {
    const res = await fetch(`http://127.0.0.1:${port}/trpc/system.health`);
    if (res.status === 200) apiMs = performance.now() - started;
  }
  await Bun.sleep(500);
  const status = await Bun.file(`/proc/${proc.pid}/status`)
    .text()
    .catch(() => "");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  proc.kill("SIGTERM");
  await proc.exited;
  if (Number.isNaN(ms)) throw new Error(`${cmd.join(" ")} never answered /healthz`);
  return { ms, apiMs, rssKb };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

/**
 * A 10,000-series library as the app leaves it: an admin, every series loaded (24 episodes each, half on
 * disk), each folder with the tvshow.nfo and poster.jpg the startup backfill checks for.
 */
function seedLibrary(dataDir: string, library: string): void {
  const handle = openDatabase(dataDir);
  new SettingsService(handle.db).update({ scanOnStart: false });
  const sqlite: Database = handle.sqlite;
  sqlite.run("INSERT INTO users (username, password_hash, created_at) VALUES ('admin', ?, 0)", [
    Bun.password.hashSync("bench-admin-password"),
  ]);
  const addSeries = sqlite.prepare(
    `INSERT INTO series (id, catalog_key, title, folder, loading_status, episodes_loaded, nfo_loaded,
       logo_loaded, images_loaded, created_at, updated_at) VALUES (?, ?, ?, ?, 'completed', 1, 1, 1, 1, 0, 0)`,
  );
  const addEpisode = sqlite.prepare(
    `INSERT INTO episodes (series_id, season, number, title_de, languages, in_catalog, file_path, updated_at)
     VALUES (?, 1, ?, ?, '["de"]', 1, ?, 0)`,
  );
  sqlite.transaction(() => {
    for (let s = 1; s <= 10_000; s++) {
      const title = `Series ${String(s).padStart(5, "0")}`;
      addSeries.run(s, `aniworld:series-${s}`, title, title);
      mkdirSync(join(library, title), { recursive: true });
      for (const proof of ["tvshow.nfo", "poster.jpg"]) writeFileSync(join(library, title, proof), "");
      for (let e = 1; e <= 24; e++)
        addEpisode.run(s, e, `Episode ${e}`, e % 2 ? `${title}/Season 01/${title} - S01E${e}.mkv` : null);
    }
  })();
  handle.close();
}

export const startGroup: BenchGroup = {
  name: "start",
  description: `exec → first /healthz 200 (median of ${RUNS}): dist/aniworld fresh and on a 10k-series database, vs a bare compiled Bun.serve`,
  async run(): Promise<Metric[]> {
    if (!(await Bun.file(BINARY).exists())) throw new Error("dist/aniworld is missing: run `bun run build`");
    const tmp = mkdtempSync(join(tmpdir(), "aniworld-bench-start-"));
    try {
      const bare = join(tmp, "bare-serve");
      const built = Bun.spawnSync([
        process.execPath,
        "build",
        "--compile",
        "--minify",
        join(import.meta.dir, "..", "support", "bare-serve.ts"),
        "--outfile",
        bare,
      ]);
      if (built.exitCode !== 0) throw new Error(`bare-serve build failed: ${built.stderr.toString()}`);
      const seeded = join(tmp, "seeded");
      seedLibrary(join(seeded, "data"), join(seeded, "library"));
      const app = (dataDir: string, library: string) => [
        BINARY,
        "--data-dir",
        dataDir,
        "--library",
        library,
        "--log-level",
        "warn",
      ];
      // Interleaved, so a burst of load on the shared machine hits every contestant alike.
      const bareRuns: StartRun[] = [];
      const fresh: StartRun[] = [];
      const restart: number[] = [];
      const version: number[] = [];
      await startOnce(app(join(seeded, "data"), join(seeded, "library"))); // page cache, WAL checkpoint
      for (let i = 0; i < RUNS; i++) {
        bareRuns.push(await startOnce([bare]));
        fresh.push(
          await startOnce(app(join(tmp, `fresh-${i}`, "data"), join(tmp, `fresh-${i}`, "lib")), true),
        );
        restart.push((await startOnce(app(join(seeded, "data"), join(seeded, "library")))).ms);
        const t = performance.now();
        Bun.spawnSync([BINARY, "--version"]);
        version.push(performance.now() - t);
      }
      const base = median(bareRuns.map((r) => r.ms));
      // The floor under the app's RSS: Bun itself, mapped and answering (most of it the executable's code).
      const bareRssMb = median(bareRuns.map((r) => r.rssKb)) / 1024;
      const cold = median(fresh.map((r) => r.ms));
      const warm = median(restart);
      return [
        {
          metric: "cold_start_ms",
          value: round(cold, 1),
          unit: "ms",
          baseline: round(base, 1),
          target: "≤ 100",
        },
        ratioFigure("cold_start_vs_bare_ratio", cold, base, { target: "≤ 5", baselineDigits: 1 }),
        {
          metric: "restart_10k_ms",
          value: round(warm, 1),
          unit: "ms",
          baseline: round(base, 1),
          ratio: round(warm / base, 2),
          target: "≤ 100 and ≤ 5×",
        },
        {
          metric: "cold_start_api_ms",
          value: round(median(fresh.map((r) => r.apiMs)), 1),
          unit: "ms",
          baseline: round(base, 1),
          ratio: round(median(fresh.map((r) => r.apiMs)) / base, 2),
        },
        { metric: "version_ms", value: round(median(version), 1), unit: "ms" },
        {
          metric: "start_rss_mb",
          value: round(median(fresh.map((r) => r.rssKb)) / 1024, 1),
          unit: "MB",
          baseline: round(bareRssMb, 1),
          target: "idle ≤ 60",
        },
      ];
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};

/**
 * Group "list": the whole of a 10,000-series library (24 catalogue episodes each, about half on disk, mixed
 * languages, some series with their own preference) read through series.list's windows (500 rows each, as
 * a typed client pages through it) over the real tRPC HTTP path of a server running from source in its
 * own process, signed in through the real setup flow (token from the JSON log).
 * Figures: p50 / p99 of 20 sequential read-throughs, in the "any" and the "preferred" missing mode, and
 * the same read-through of SeriesListQueries in-process (the SQL alone, after a write, so the filter
 * counts are read again as while the library changes). The first window alone is the scale group's figure.
 */

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { openDatabase } from "../../../db/connection.ts";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import { SeriesListQueries } from "../../../db/repositories/series-list-query.ts";
import { SettingsService } from "../../../server/settings/settings-service.ts";
import { MAX_WINDOW } from "../../../shared/series-list.ts";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";

const SERIES = 10_000;
const EPISODES = 24;
const CALLS = 200;
const LANGUAGE_SETS = ['["de","de-sub"]', '["de-sub"]', '["de","de-sub","en-sub"]', '["en-sub","en"]'];

/** Fills the database; returns the sorted times of the uncached query in-process (the cache-miss path). */
function populate(dataDir: string): { any: number[]; preferred: number[]; before: number[] } {
  const handle = openDatabase(dataDir);
  new SettingsService(handle.db).update({ scanOnStart: false, scanIntervalMinutes: 0 });
  const sqlite = handle.sqlite;
  const addSeries = sqlite.prepare(
    "INSERT INTO series (id, catalog_key, title, folder, languages, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)",
  );
  const addEpisode = sqlite.prepare(
    `INSERT INTO episodes (series_id, season, number, title_de, languages, in_catalog, file_path, file_size, file_language, updated_at)
     VALUES (?, 1, ?, ?, ?, 1, ?, ?, ?, 0)`,
  );
  sqlite.transaction(() => {
    for (let s = 1; s <= SERIES; s++) {
      const title = `Series ${String((s * 7919) % SERIES).padStart(5, "0")}`;
      addSeries.run(s, `aniworld:series-${s}`, title, title, s % 5 === 0 ? '["en-sub"]' : null);
      for (let e = 1; e <= EPISODES; e++) {
        const onDisk = (s + e) % 2 === 0;
        const path = onDisk ? `${title}/Season 01/${title} - S01E${String(e).padStart(2, "0")}.mkv` : null;
        addEpisode.run(
          s,
          e,
          `Episode ${e}`,
          LANGUAGE_SETS[(s + e) % 4]!,
          path,
          onDisk ? 1000 : null,
          onDisk ? "de" : null,
        );
      }
    }
  })();
  // The counters come from the repository, as in the product.
  const episodes = new EpisodesRepository(handle.db);
  sqlite.transaction(() => {
    for (let s = 1; s <= SERIES; s++) episodes.recountSeries(s);
  })();
  const queries = new SeriesListQueries(handle.sqlite);
  // A write before each read-through: the counts series.list caches while nothing changes are read again.
  const touch = sqlite.prepare("UPDATE series SET updated_at = updated_at + 1 WHERE id = 1");
  const time = (mode: "any" | "preferred") => {
    const rule = { mode, defaultLanguages: ["de", "de-sub", "en-sub"] };
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      touch.run();
      const t = performance.now();
      let rows = 0;
      for (let offset = 0; offset < SERIES; offset += MAX_WINDOW)
        rows += queries.page({ search: "", filter: "all", sort: "title", offset, limit: MAX_WINDOW }, rule)
          .rows.length;
      if (i >= 10) times.push(performance.now() - t);
      if (rows !== SERIES) throw new Error(`paging through SeriesListQueries gave ${rows} rows`);
    }
    return times.sort((a, b) => a - b);
  };
  // Baseline in the same run: the aggregate over the episodes that series.list ran before the counters.
  const aggregate = handle.sqlite.prepare(`
    SELECT s.id, s.catalog_key, s.title, s.folder, s.year, s.cover_url, s.monitored, s.loading_status,
           s.episodes_loaded, s.nfo_loaded, s.logo_loaded, s.images_loaded, s.loading_error,
           coalesce(c.total, 0) AS total, coalesce(c.on_disk, 0) AS on_disk, coalesce(c.missing, 0) AS missing
    FROM series s LEFT JOIN (
      SELECT e.series_id AS series_id, sum(e.in_catalog) AS total, count(e.file_path) AS on_disk,
             sum(CASE WHEN e.in_catalog = 1 AND e.file_path IS NULL THEN 1 ELSE 0 END) AS missing
      FROM episodes e GROUP BY e.series_id) c ON c.series_id = s.id
    ORDER BY s.title COLLATE NOCASE, s.id`);
  const before: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    aggregate.all();
    if (i >= 5) before.push(performance.now() - t);
  }
  const query = { any: time("any"), preferred: time("preferred"), before: before.sort((a, b) => a - b) };
  handle.close();
  return query;
}

async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = s.port ?? 0;
  await s.stop(true);
  return port;
}

/** Reads the server's JSON log lines until one carries the setup token. */
async function setupToken(proc: Subprocess<"ignore", "pipe", "ignore">): Promise<string> {
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = proc.stdout.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffered += decoder.decode(read.value, { stream: true });
    for (let nl = buffered.indexOf("\n"); nl !== -1; nl = buffered.indexOf("\n")) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const record = JSON.parse(line) as { setupToken?: unknown };
        if (typeof record.setupToken === "string") {
          // Keep draining the log so the server never blocks on a full pipe.
          void (async () => {
            while (!(await reader.read()).done) {}
          })();
          return record.setupToken;
        }
      } catch {
        // not a JSON line
      }
    }
  }
  throw new Error("the server logged no setup token");
}

async function post(url: string, input: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
}

/** Reads every series the way a typed client does: windows of 500 until the total. */
async function readAll(base: string, cookie: string): Promise<number> {
  let rows = 0;
  for (let offset = 0; ; offset += 500) {
    const input = encodeURIComponent(JSON.stringify({ offset, limit: 500 }));
    const res = await fetch(`${base}/trpc/series.list?input=${input}`, { headers: { cookie } });
    const body = (await res.json()) as { result?: { data?: { rows: unknown[]; total: number } } };
    const page = body.result?.data;
    if (!page) throw new Error(`series.list answered ${res.status}`);
    rows += page.rows.length;
    if (offset + 500 >= page.total) return rows;
  }
}

async function timeList(base: string, cookie: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CALLS / 10 + 3; i++) {
    const t = performance.now();
    const rows = await readAll(base, cookie);
    const ms = performance.now() - t;
    if (rows !== SERIES) throw new Error(`paging through series.list gave ${rows} rows`);
    if (i >= 3) times.push(ms); // the first rounds warm the JIT and the page cache
  }
  return times.sort((a, b) => a - b);
}

export const listGroup: BenchGroup = {
  name: "list",
  description: `every series of ${SERIES} × ${EPISODES} episodes, paged through series.list over tRPC HTTP`,
  async run(): Promise<Metric[]> {
    const tmp = mkdtempSync(join(tmpdir(), "aniworld-bench-list-"));
    let proc: Subprocess<"ignore", "pipe", "ignore"> | null = null;
    try {
      const dataDir = join(tmp, "data");
      mkdirSync(join(tmp, "library"));
      const query = populate(dataDir);
      const port = await freePort();
      const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
      proc = Bun.spawn(
        [
          process.execPath,
          main,
          "--port",
          String(port),
          "--data-dir",
          dataDir,
          "--library",
          join(tmp, "library"),
        ],
        {
          stdout: "pipe",
          stderr: "ignore",
          stdin: "ignore",
          env: { ...process.env, ANIWORLD_LOG_LEVEL: "info" },
        },
      );
      const token = await setupToken(proc);
      const base = `http://127.0.0.1:${port}`;
      const setup = await post(`${base}/trpc/auth.setup`, {
        token,
        username: "bench",
        password: `bench-${crypto.randomUUID()}`,
      });
      const cookie = setup.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .find((c) => /session=./.test(c));
      if (setup.status !== 200 || !cookie) throw new Error(`auth.setup failed: ${setup.status}`);
      const any = await timeList(base, cookie);
      const update = await post(`${base}/trpc/settings.update`, { missingMode: "preferred" }, { cookie });
      if (update.status !== 200) throw new Error(`settings.update failed: ${update.status}`);
      const preferred = await timeList(base, cookie);
      const figure = (metric: string, value: number): Metric => ({
        metric,
        value: round(value, 2),
        unit: "ms",
        ...(metric.endsWith("p99") ? { target: "reported (the whole library, 20 windows of 500)" } : {}),
      });
      return [
        figure("series_list_ms_10k", percentile(any, 50)),
        figure("series_list_ms_10k_p99", percentile(any, 99)),
        figure("series_list_preferred_ms_10k", percentile(preferred, 50)),
        figure("series_list_preferred_ms_10k_p99", percentile(preferred, 99)),
        // The SQL alone, in-process, its counts read again after a write: the cost while the library changes.
        {
          ...figure("series_list_query_ms_10k", percentile(query.any, 50)),
          baseline: round(percentile(query.before, 50), 2),
          ratio: round(percentile(query.any, 50) / percentile(query.before, 50), 2),
        },
        figure("series_list_query_ms_10k_p99", percentile(query.any, 99)),
        figure("series_list_query_preferred_ms_10k", percentile(query.preferred, 50)),
      ];
    } finally {
      proc?.kill();
      await proc?.exited;
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};

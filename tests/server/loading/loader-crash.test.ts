import { Database } from "bun:sqlite";
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isTemporaryName } from "../../../server/fs/atomic-write.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { startStandIns, TMDB_KEY } from "../../helpers/stand-ins.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { httpClient, type TestServer, waitFor } from "../../helpers/test-server.ts";

const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
let standIns: ReturnType<typeof startStandIns>;
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  standIns = startStandIns();
  tmp = tempDir();
});
afterAll(async () => {
  await standIns.stop();
  tmp.cleanup();
});

/** A real server process on the shared data dir; resolves once it printed its URL. */
async function spawnServer() {
  const proc = Bun.spawn(
    [
      process.execPath,
      main,
      "--port",
      "0",
      "--data-dir",
      join(tmp.path, "data"),
      "--library",
      join(tmp.path, "library"),
      "--catalog-url",
      standIns.catalogue.url,
      "--tmdb-url",
      standIns.tmdb.apiUrl,
      "--tmdb-image-url",
      standIns.tmdb.imageUrl,
    ],
    { stdout: "pipe", stderr: "pipe", env: { ...process.env, ANIWORLD_LOG_LEVEL: "info" } },
  );
  const logs: string[] = [];
  let url: string | undefined;
  const reader = proc.stdout.getReader();
  let buffer = "";
  void (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buffer += new TextDecoder().decode(r.value);
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      logs.push(...lines);
    }
  })();
  await waitFor(() => {
    url ??= logs.map((l) => /"url":"(http:\/\/[^"]+)"/.exec(l)?.[1]).find(Boolean);
    return url !== undefined;
  }, "server url");
  return { proc, logs, url: url! };
}

function readSeries() {
  const db = new Database(join(tmp.path, "data", "aniworld.db"), { readonly: true });
  try {
    return db
      .query<{ catalog_key: string; folder: string; loading_status: string; flags: number }, []>(
        "SELECT catalog_key, folder, loading_status, episodes_loaded + nfo_loaded + logo_loaded + images_loaded AS flags FROM series",
      )
      .all();
  } finally {
    db.close();
  }
}

test("SIGKILL while 20 series load; the restarted server completes every one, no duplicates, no temp files", async () => {
  const first = await spawnServer();
  await waitFor(() => first.logs.some((l) => l.includes("setupToken")), "setup token");
  const creds = await signIn({ url: first.url, logs: first.logs } as unknown as TestServer);
  const api = httpClient(first.url, creds.apiKeyHeaders);
  // A polite catalogue rate keeps most of the 20 series mid-load when the process dies.
  await api.settings.update.mutate({
    tmdbApiKey: TMDB_KEY,
    catalogRatePerSecond: 4,
    tmdbRatePerSecond: 1000,
  });
  const samples = standIns.catalogue.series.slice(0, 20);
  for (const s of samples) await api.series.add.mutate({ catalogKey: `aniworld:${s.slug}` });
  await waitFor(() => readSeries().some((r) => r.flags > 0), "some progress");
  first.proc.kill("SIGKILL");
  await first.proc.exited;
  const atKill = readSeries();
  expect(atKill).toHaveLength(20);
  expect(atKill.filter((r) => r.loading_status !== "completed").length).toBeGreaterThan(0);

  const second = await spawnServer();
  const api2 = httpClient(second.url, creds.apiKeyHeaders);
  await api2.settings.update.mutate({ catalogRatePerSecond: 1000 });
  // The backfill starts once the server listens (after the first requests it receives).
  await waitFor(() => second.logs.some((l) => l.includes("series queued at startup")), "startup backfill");
  await waitFor(() => readSeries().every((r) => r.loading_status === "completed"), "all completed", 60_000);
  second.proc.kill("SIGTERM");
  expect(await second.proc.exited).toBe(0);

  const rows = readSeries();
  expect(rows).toHaveLength(20);
  expect(new Set(rows.map((r) => r.catalog_key)).size).toBe(20);
  expect(rows.every((r) => r.flags === 4)).toBe(true);
  const library = join(tmp.path, "library");
  expect(readdirSync(library).sort()).toEqual(rows.map((r) => r.folder).sort());
  for (const row of rows) {
    const dir = join(library, row.folder);
    const files = readdirSync(dir, { recursive: true }).map(String);
    expect(files.filter((f) => isTemporaryName(f.split("/").at(-1)!))).toEqual([]);
    expect(readFileSync(join(dir, "tvshow.nfo"), "utf8")).toContain("</tvshow>");
    const poster = readFileSync(join(dir, "poster.jpg"));
    expect([poster[0], poster[1]]).toEqual([0xff, 0xd8]);
  }
}, 120_000);

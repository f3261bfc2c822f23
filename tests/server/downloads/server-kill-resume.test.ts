import { Database } from "bun:sqlite";
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { mediaSha256 } from "../../../scripts/stand-ins/hoster-media.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { isTemporaryName } from "../../../server/fs/atomic-write.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { httpClient, type TestServer, waitFor } from "../../helpers/test-server.ts";

/**
 * The acceptance case literally: the real server process (`bun server/main.ts`) downloads from the hoster
 * stand-in in this process, is SIGKILLed mid-transfer, and a restart on the same data dir and library
 * resumes from the `.part` offset with HTTP Range and completes with the right bytes.
 */
const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
const SIZE = 8 * 1024 * 1024;
// Throttled so the transfer takes about four seconds: long enough to be killed in the middle.
const RATE = 2 * 1024 * 1024;

let hoster: HosterServer;
let catalogue: CatalogueServer;
let tmp: ReturnType<typeof tempDir>;
const spawned: Bun.Subprocess[] = [];
beforeAll(async () => {
  hoster = await startHosterServer({ mediaSize: () => SIZE, throttleBytesPerSecond: RATE });
  catalogue = startCatalogueServer({ count: 3, hosterBaseUrl: hoster.url });
  tmp = tempDir();
});
afterAll(async () => {
  for (const proc of spawned) proc.kill("SIGKILL");
  await Promise.all([hoster.stop(), catalogue.stop()]);
  tmp.cleanup();
});

const library = () => join(tmp.path, "library");

/** A real server process on the shared dirs; resolves once it printed its URL (JSON log lines on stdout). */
async function spawnServer() {
  const proc = Bun.spawn([process.execPath, main], {
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...process.env,
      ANIWORLD_PORT: "0",
      ANIWORLD_DATA_DIR: join(tmp.path, "data"),
      ANIWORLD_LIBRARY: library(),
      ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
      ANIWORLD_CATALOG_URL: catalogue.url,
      ANIWORLD_LOG_LEVEL: "info",
    },
  });
  spawned.push(proc);
  const logs: string[] = [];
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
  let url: string | undefined;
  await waitFor(() => {
    url ??= logs.map((l) => /"url":"(http:\/\/[^"]+)"/.exec(l)?.[1]).find(Boolean);
    return url !== undefined;
  }, "server url");
  return { proc, logs, url: url! };
}

function episodeIdOf(season: number, number: number): number | null {
  const db = new Database(join(tmp.path, "data", "aniworld.db"), { readonly: true });
  try {
    return (
      db
        .query<{ id: number }, [number, number]>("SELECT id FROM episodes WHERE season = ? AND number = ?")
        .get(season, number)?.id ?? null
    );
  } finally {
    db.close();
  }
}

/** Every file under the library (relative paths) with its size right now. */
function libraryFiles(): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const rel of readdirSync(library(), { recursive: true }).map(String)) {
    try {
      const st = statSync(join(library(), rel));
      if (st.isFile()) out.push({ path: rel, size: st.size });
    } catch {
      // Renamed between listing and stat: the next look sees its new name.
    }
  }
  return out;
}

test("SIGKILL of the server mid-download; the restarted server resumes from the .part offset and completes", async () => {
  const sample = catalogue.series[0]!;
  const added = catalogue.addEpisode(sample.slug, 9, { languages: ["de"], hosters: ["Vidoza"] });
  const code = `${sample.slug}-s9e${added.number}-de`;

  const first = await spawnServer();
  await waitFor(() => first.logs.some((l) => l.includes("setupToken")), "setup token");
  const creds = await signIn({ url: first.url, logs: first.logs } as unknown as TestServer);
  const api = httpClient(first.url, creds.apiKeyHeaders);
  await api.settings.update.mutate({ catalogRatePerSecond: 1000 });
  await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  await waitFor(() => episodeIdOf(9, added.number) !== null, "the loader to add the episode");
  const episodeId = episodeIdOf(9, added.number)!;

  // Watches the library the whole time, as a media server scanning it would.
  const partials: string[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      for (const f of libraryFiles())
        if (/\.(mp4|mkv|ts)$/.test(f.path) && f.size !== SIZE) partials.push(`${f.path} (${f.size})`);
      await Bun.sleep(10);
    }
  })();

  const { queued } = await api.downloads.enqueue.mutate({ episodeIds: [episodeId] });
  expect(queued).toHaveLength(1);
  const partOf = () => libraryFiles().find((f) => f.path.endsWith(".mp4.part"));
  await waitFor(() => (partOf()?.size ?? 0) >= SIZE * 0.4, "the .part file to hold 40% of the bytes", 30_000);
  first.proc.kill("SIGKILL");
  await first.proc.exited;
  const partAtKill = partOf();
  expect(partAtKill).toBeDefined();
  expect(partAtKill!.size).toBeGreaterThanOrEqual(SIZE * 0.4);
  expect(partAtKill!.size).toBeLessThan(SIZE);
  expect(libraryFiles().filter((f) => /\.(mp4|mkv|ts)$/.test(f.path))).toEqual([]);

  // The stand-in may still push a chunk into the dead connection until it notices; count from after that.
  await waitFor(() => hoster.openMediaResponses() === 0, "the hoster to see the connection closed");
  hoster.resetCounters();
  const second = await spawnServer();
  const api2 = httpClient(second.url, creds.apiKeyHeaders);
  await waitFor(
    async () => (await api2.downloads.list.query()).some((i) => i.state === "completed"),
    "the resumed download to complete",
    30_000,
  );
  watching = false;
  await watcher;
  const [item] = await api2.downloads.list.query();
  expect(item).toMatchObject({ id: queued[0], state: "completed", bytesDone: SIZE });
  second.proc.kill("SIGTERM");
  expect(await second.proc.exited).toBe(0);

  // Resumed, not restarted: only the bytes after the .part offset crossed the wire again, via Range.
  expect(hoster.counters.rangeRequests).toBeGreaterThanOrEqual(1);
  expect(hoster.counters.mediaBytes).toBe(SIZE - partAtKill!.size);
  expect(hoster.counters.mediaBytes).toBeLessThan(SIZE);

  const files = libraryFiles();
  const video = files.find((f) => f.path.endsWith(".mp4"))!;
  expect(video.path).toBe(partAtKill!.path.replace(/\.part$/, ""));
  const hash = new Bun.CryptoHasher("sha256").update(await Bun.file(join(library(), video.path)).bytes());
  expect(hash.digest("hex")).toBe(mediaSha256(code, SIZE));
  expect(files.filter((f) => f.path.endsWith(".part"))).toEqual([]);
  expect(files.filter((f) => isTemporaryName(f.path.split("/").at(-1)!))).toEqual([]);
  // A scanner never saw a partial file under a final name.
  expect(partials).toEqual([]);
  expect(hoster.openMediaResponses()).toBe(0);
}, 120_000);

import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LoaderWorkerClient } from "../../../server/loading/loader-worker-client.ts";
import { createLogger } from "../../../server/logger.ts";
import type { FromWorker, LoaderWorkerConfig } from "../../../shared/loader-messages.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const config: LoaderWorkerConfig = {
  libraryRoot: "/nowhere",
  catalogUrl: "http://127.0.0.1:1",
  tmdbUrl: "http://127.0.0.1:1",
  tmdbImageUrl: "http://127.0.0.1:1",
  tmdbApiKey: "",
  metadataLanguage: "de-DE",
  rates: {},
  stepAttempts: 1,
  retryBaseMs: 0,
  pageCopyDir: "/nowhere",
  network: {
    allowPrivateHosts: true,
    proxyUrl: "",
    flaresolverrUrl: "",
    cookieFile: null,
    trustedOrigins: [],
  },
};

/** A client of a worker that does nothing, so only the making of its thread is observed. */
const idleWorkerClient = () =>
  new LoaderWorkerClient({
    url: new URL("./fixtures/idle.worker.ts", import.meta.url),
    config,
    logger: createLogger({ level: "error" }),
    onMessages: () => {},
    onCrash: () => {},
  });

test("the loader thread is made with the first work, not at start, and a configuration alone does not make it", async () => {
  const client = idleWorkerClient();
  client.start();
  client.configure({ ...config, tmdbApiKey: "changed" });
  expect(client.threadMade).toBe(false);
  client.prepareFolders({ type: "prepareFolders", folders: [] });
  expect(client.threadMade).toBe(true);
  expect(await client.stop(5_000)).toBe(true);
});

test("work that came before start makes the thread when the client starts", async () => {
  const client = idleWorkerClient();
  client.cancel(1);
  expect(client.threadMade).toBe(false);
  client.start();
  expect(client.threadMade).toBe(true);
  expect(await client.stop(5_000)).toBe(true);
});

test("a configuration changed while the thread starts reaches it before the work waiting for it", async () => {
  const tmp = tempDir();
  const forwarded: FromWorker[] = [];
  const client = new LoaderWorkerClient({
    url: new URL("./fixtures/trivial-providers.worker.ts", import.meta.url),
    config: { ...config, libraryRoot: tmp.path },
    logger: createLogger({ level: "error" }),
    onMessages: (messages) => forwarded.push(...messages),
    onCrash: () => {},
  });
  try {
    client.start();
    const identity = { catalogKey: "aniworld:x", title: "X", year: null, imdbId: null, tmdbId: null };
    client.prepareFolders({ type: "prepareFolders", folders: [{ seriesId: 1, folder: "X", identity }] });
    client.configure({ ...config, libraryRoot: tmp.path, tmdbApiKey: "changed" });
    while (!forwarded.some((m) => m.type === "foldersPrepared")) await Bun.sleep(5);
    expect(forwarded.find((m) => m.type === "foldersPrepared")).toEqual({
      type: "foldersPrepared",
      results: [{ seriesId: 1, error: null }],
    });
    expect(existsSync(join(tmp.path, "X", ".aniworld.json"))).toBe(true);
  } finally {
    await client.stop(5_000);
    tmp.cleanup();
  }
});

/** A client of the trivial-providers worker that ends its thread after `keepAliveMs` without work. */
function shortLivedClient(libraryRoot: string, keepAliveMs: number, forwarded: FromWorker[]) {
  return new LoaderWorkerClient({
    url: new URL("./fixtures/trivial-providers.worker.ts", import.meta.url),
    config: { ...config, libraryRoot },
    logger: createLogger({ level: "error" }),
    onMessages: (messages) => forwarded.push(...messages),
    onCrash: () => {
      throw new Error("the thread's idle end must not count as a crash");
    },
    keepAliveMs,
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(5);
  }
}

const identityOf = (slug: string) => ({
  catalogKey: `aniworld:${slug}`,
  title: slug,
  year: null,
  imdbId: null,
  tmdbId: null,
});

test("the thread ends after a while without work, and the next work makes it again and is done", async () => {
  const tmp = tempDir();
  const forwarded: FromWorker[] = [];
  const client = shortLivedClient(tmp.path, 30, forwarded);
  const prepared = () => forwarded.filter((m) => m.type === "foldersPrepared").length;
  try {
    client.start();
    client.prepareFolders({
      type: "prepareFolders",
      folders: [{ seriesId: 1, folder: "A", identity: identityOf("a") }],
    });
    await until(() => prepared() === 1, "the first folder");
    await until(() => !client.threadMade, "the idle thread to end");
    client.prepareFolders({
      type: "prepareFolders",
      folders: [{ seriesId: 2, folder: "B", identity: identityOf("b") }],
    });
    expect(client.threadMade).toBe(true);
    await until(() => prepared() === 2, "the folder asked for after the thread ended");
    expect(existsSync(join(tmp.path, "B", ".aniworld.json"))).toBe(true);
  } finally {
    await client.stop(5_000);
    tmp.cleanup();
  }
});

test("a job still running keeps the thread past the idle time; it ends once the job is done", async () => {
  const tmp = tempDir();
  const forwarded: FromWorker[] = [];
  // "slow-" jobs wait 150 ms in each of their steps: far longer than the 10 ms idle time.
  const client = shortLivedClient(tmp.path, 10, forwarded);
  const finished = () => forwarded.some((m) => m.type === "jobFinished" && m.jobId === 7);
  try {
    client.start();
    client.run({
      jobId: 7,
      seriesId: 1,
      slug: "slow-one",
      folder: "Slow One",
      identity: identityOf("slow-one"),
      steps: ["episodes", "nfo"],
      folderPrepared: false,
      seasons: [],
    });
    await until(() => forwarded.some((m) => m.type === "stepDone"), "the first step");
    expect(client.threadMade).toBe(true); // idle time passed many times over while the job ran
    await until(finished, "the job to finish");
    expect(forwarded.find((m) => m.type === "jobFinished")).toEqual({
      type: "jobFinished",
      jobId: 7,
      cancelled: false,
    });
    await until(() => !client.threadMade, "the thread to end after the job");
  } finally {
    await client.stop(5_000);
    tmp.cleanup();
  }
});

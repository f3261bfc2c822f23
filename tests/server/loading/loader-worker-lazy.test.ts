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

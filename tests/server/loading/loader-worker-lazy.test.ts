import { expect, test } from "bun:test";
import { LoaderWorkerClient } from "../../../server/loading/loader-worker-client.ts";
import { createLogger } from "../../../server/logger.ts";
import type { LoaderWorkerConfig } from "../../../shared/loader-messages.ts";

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

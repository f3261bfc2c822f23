import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { DB_FILE_NAME } from "../../../db/connection.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { standInEnv, startStandIns } from "../../helpers/stand-ins.ts";
import { httpClient, startTestServer, type TestServer } from "../../helpers/test-server.ts";

const holderScript = join(import.meta.dir, "..", "..", "helpers", "lock-holder.ts");

let standIns: ReturnType<typeof startStandIns>;
let server: TestServer;
beforeAll(async () => {
  standIns = startStandIns();
  server = await startTestServer(standInEnv(standIns));
});
afterAll(async () => {
  await server.close();
  await standIns.stop();
});

/** Starts the second process and resolves once it holds the write lock. */
async function holdLock() {
  const child = Bun.spawn([process.execPath, holderScript, join(server.config.dataDir, DB_FILE_NAME)], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let out = "";
  const untilPrinted = async (word: string) => {
    while (!out.includes(word)) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the lock holder ended before printing "${word}": ${out}`);
      out += decoder.decode(value);
    }
  };
  await untilPrinted("locked");
  return {
    async release() {
      child.stdin.write("release\n");
      await child.stdin.flush();
      await untilPrinted("released");
      await child.exited;
    },
  };
}

test("another process holding the write lock does not freeze the server; waiting writes land after it lets go", async () => {
  const { apiKeyHeaders } = await signIn(server);
  const api = httpClient(server.url, apiKeyHeaders);
  // A client of its own: one batch with the other calls would answer only when the add is done.
  const adder = httpClient(server.url, apiKeyHeaders);
  const sample = standIns.catalogue.series[0];
  if (!sample) throw new Error("the stand-in catalogue is empty");
  const lock = await holdLock();

  // A group-committed write (series.add) waits for the lock on a timer, not on the main thread.
  let addSettled = false;
  const adding = adder.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` }).finally(() => {
    addSettled = true;
  });
  // A write that cannot wait answers "busy" at once instead of blocking every request for seconds.
  const busy = await api.settings.update.mutate({ scanOnStart: false }).catch((e: unknown) => e);
  expect(busy instanceof TRPCClientError && busy.data?.code).toBe("SERVICE_UNAVAILABLE");
  expect((busy as Error).message).toContain("locked by another program");
  // The server answers while the lock is still held and the add is still waiting.
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect((await api.system.info.query()).version).toBeString();
  expect(addSettled).toBe(false);

  await lock.release();
  const added = await adding;
  expect(added.catalogKey).toBe(`aniworld:${sample.slug}`);
  expect((await api.series.get.query({ id: added.id })).id).toBe(added.id);
  const logs = server.logs.filter((l) => l.includes('"level":"error"'));
  expect(logs).toEqual([]);
  // Two processes and a busy-looping lock wait on a shared 2-core machine: generous, never a speed check.
}, 30_000);

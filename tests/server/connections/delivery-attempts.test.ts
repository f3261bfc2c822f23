import { afterAll, expect, test } from "bun:test";
import { pendingDeliveries } from "../../../db/schema/index.ts";
import { type Receiver, startReceiver } from "../../../scripts/stand-ins/receivers.ts";
import type { RetryPolicy } from "../../../server/lib/retry.ts";
import type { Sleep } from "../../../server/lib/sleep.ts";
import { waitsThatHoldAfter } from "../../helpers/held-sleep.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

/**
 * How many attempts a delivery made is one number, counted where the retries happen: a delivery that
 * fails twice and then gets through reports 3, the same number the receiver saw; one resumed after a
 * restart goes on from its stored count and stops at the policy's total; and one client serves all
 * attempts of a delivery (Plex is asked for its sections once, not once per attempt).
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function receiver(kind: "webhook" | "plex", options: Parameters<typeof startReceiver>[1] = {}): Receiver {
  const r = startReceiver(kind, options);
  cleanups.push(() => r.stop());
  return r;
}

async function server(
  retry: RetryPolicy,
  more: { dataDir?: string; library?: string; sleep?: Sleep } = {},
): Promise<TestServer> {
  const s = await startTestServer(
    {
      ...(more.dataDir ? { ANIWORLD_DATA_DIR: more.dataDir } : {}),
      ...(more.library ? { ANIWORLD_LIBRARY: more.library } : {}),
    },
    { connections: { retry, refreshQuietMs: 20, ...(more.sleep ? { sleep: more.sleep } : {}) } },
  );
  cleanups.push(() => s.close());
  return s;
}

function storedAttempts(s: TestServer): number[] {
  return s.app.services.db.db
    .select()
    .from(pendingDeliveries)
    .all()
    .map((r) => r.attempts);
}

function lastResultOf(s: TestServer, connectionId: number) {
  return s.app.services.connections.repo.get(connectionId)?.lastResult ?? null;
}

function emitEpisodesFound(s: TestServer, seriesId: number): void {
  s.app.services.events.emit({ type: "episodes.found", seriesId, count: 1, timestamp: Date.now() });
}

test("a delivery that fails twice then gets through reports exactly 3 attempts", async () => {
  const webhook = receiver("webhook");
  const s = await server({ attempts: 6, baseMs: 10, maxMs: 20 });
  const api = httpClient(s.url, (await signIn(s)).apiKeyHeaders);
  const hook = await api.connections.create.mutate({
    name: "hook",
    kind: "webhook",
    url: webhook.url,
    events: ["episodes.found"],
  });
  const seriesId = insertSeriesRow(s.app.services.db.db, {
    catalogKey: "aniworld:a",
    title: "A",
    folder: "A",
  });

  webhook.failNext(2);
  emitEpisodesFound(s, seriesId);
  await webhook.waitForReceived(1);
  await s.app.services.connections.queue.idle();

  const [listed] = await api.connections.list.query();
  expect(listed?.id).toBe(hook.id);
  expect(listed?.lastResult).toMatchObject({ ok: true, what: "episodes.found", attempts: 3 });
  expect(webhook.hits).toBe(3);
  expect(storedAttempts(s)).toEqual([]);
});

test("one client serves every attempt of a delivery: Plex's sections are read once", async () => {
  const plex = receiver("plex", { plexLocations: ["/data/anime"] });
  const s = await server({ attempts: 6, baseMs: 10, maxMs: 20 });
  const api = httpClient(s.url, (await signIn(s)).apiKeyHeaders);
  const created = await api.connections.create.mutate({
    name: "plex",
    kind: "plex",
    url: plex.url,
    secret: plex.secret,
    pathMappings: [{ from: s.config.library, to: "/data/anime" }],
  });
  const seriesId = insertSeriesRow(s.app.services.db.db, {
    catalogKey: "aniworld:b",
    title: "B",
    folder: "B",
  });

  // The partial scan of the Anime section fails twice; the section list itself answers every time.
  plex.failNext(2, 503, "/library/sections/2/refresh");
  s.app.services.events.emit({
    type: "episode.downloaded",
    seriesId,
    episodeId: 1,
    season: 1,
    number: 1,
    path: "B/Season 01/B - S01E01.mp4",
    timestamp: Date.now(),
  });
  await waitFor(() => lastResultOf(s, created.id) !== null, "the refresh's result");

  expect(lastResultOf(s, created.id)).toMatchObject({ ok: true, what: "refresh", attempts: 3 });
  expect(plex.received.map((r) => [r.path, r.query.path ?? null])).toEqual([
    ["/library/sections", null],
    ["/library/sections/2/refresh", "/data/anime/B"],
  ]);
  // The three refresh requests (two refused) and the one section list.
  expect(plex.hits).toBe(4);
});

/**
 * A first server whose webhook delivery failed `failed` times (the receiver is down) and then stopped
 * while waiting to retry: the delivery is stored with its count.
 */
async function stoppedAfterFailures(webhook: Receiver, retry: RetryPolicy, failed: number) {
  const first = await server(retry, { sleep: waitsThatHoldAfter(failed - 1) });
  const creds = await signIn(first);
  const hook = await httpClient(first.url, creds.apiKeyHeaders).connections.create.mutate({
    name: "hook",
    kind: "webhook",
    url: webhook.url,
    events: ["episodes.found"],
  });
  const seriesId = insertSeriesRow(first.app.services.db.db, {
    catalogKey: "aniworld:c",
    title: "C",
    folder: "C",
  });
  webhook.failNext(1_000);
  emitEpisodesFound(first, seriesId);
  await waitFor(() => storedAttempts(first)[0] === failed, `${failed} stored failed attempts`);
  await first.app.shutdown();
  expect(webhook.hits).toBe(failed);
  return { dataDir: first.config.dataDir, library: first.config.library, hookId: hook.id };
}

test("a resumed delivery continues its count and gives up at the policy's total", async () => {
  const webhook = receiver("webhook");
  const retry = { attempts: 4, baseMs: 10, maxMs: 20 };
  const { hookId, ...dirs } = await stoppedAfterFailures(webhook, retry, 2);

  // Still down after the restart: attempts 3 and 4 are made, then the delivery is given up.
  const second = await server(retry, dirs);
  await waitFor(() => lastResultOf(second, hookId) !== null, "the delivery's result");
  expect(lastResultOf(second, hookId)).toMatchObject({
    ok: false,
    what: "episodes.found",
    attempts: 4,
    message: expect.stringContaining("503"),
  });
  expect(webhook.hits).toBe(4);
  expect(storedAttempts(second)).toEqual([]);
});

test("a resumed delivery whose stored count already reached a shorter policy's total is given up untried", async () => {
  const webhook = receiver("webhook");
  const { hookId, ...dirs } = await stoppedAfterFailures(webhook, { attempts: 10, baseMs: 10 }, 4);

  webhook.failNext(0);
  const second = await server({ attempts: 3, baseMs: 10 }, dirs);
  await waitFor(() => lastResultOf(second, hookId) !== null, "the delivery's result");
  expect(lastResultOf(second, hookId)).toMatchObject({
    ok: false,
    what: "episodes.found",
    attempts: 4,
    message: "given up: 4 attempts made, the retry policy allows 3",
  });
  expect(webhook.hits).toBe(4);
  expect(webhook.received).toEqual([]);
  expect(storedAttempts(second)).toEqual([]);
});

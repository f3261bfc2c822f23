import { afterAll, expect, test } from "bun:test";
import { pendingDeliveries } from "../../../db/schema/index.ts";
import { type Receiver, startReceiver } from "../../../scripts/stand-ins/receivers.ts";
import type { NotificationPayload } from "../../../shared/connections.ts";
import { waitsThatHoldAfter } from "../../helpers/held-sleep.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

/**
 * Work for connections outlives the server: a notification whose receiver is down and a media-server
 * refresh still waiting for its batch (with the folder the series was renamed away from) are both pending
 * when the server stops; the next start delivers each once, continuing the notification's attempt count, and leaves nothing pending.
 */
const webhook: Receiver = startReceiver("webhook");
const jellyfin: Receiver = startReceiver("jellyfin");
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await Promise.all([webhook.stop(), jellyfin.stop()]);
});

function storedNotifyAttempts(server: TestServer): number | undefined {
  return server.app.services.db.db
    .select()
    .from(pendingDeliveries)
    .all()
    .find((r) => r.kind === "notify")?.attempts;
}

function pendingKinds(server: TestServer): string[] {
  return server.app.services.db.db
    .select()
    .from(pendingDeliveries)
    .all()
    .map((r) => r.kind)
    .sort();
}

test("a pending delivery and a waiting refresh are delivered after the next start", async () => {
  const retry = { attempts: 10, baseMs: 100, maxMs: 200 };
  // Two attempts fail, then the server stops while waiting to retry.
  const sleep = waitsThatHoldAfter(1);
  const first = await startTestServer({}, { connections: { retry, sleep, refreshQuietMs: 600_000 } });
  cleanups.push(() => first.close());
  const creds = await signIn(first);
  const api = httpClient(first.url, creds.apiKeyHeaders);
  await api.connections.create.mutate({
    name: "hook",
    kind: "webhook",
    url: webhook.url,
    secret: webhook.secret,
    events: ["episodes.found"],
  });
  await api.connections.create.mutate({
    name: "jellyfin",
    kind: "jellyfin",
    url: jellyfin.url,
    secret: jellyfin.secret,
    pathMappings: [{ from: first.config.library, to: "/media/anime" }],
  });
  const seriesId = insertSeriesRow(first.app.services.db.db, {
    catalogKey: "aniworld:frieren",
    title: "Frieren",
    folder: "Frieren",
  });

  webhook.failNext(1_000);
  const events = first.app.services.events;
  events.emit({ type: "episodes.found", seriesId, count: 2, timestamp: Date.now() });
  events.emit({
    type: "episode.downloaded",
    seriesId,
    episodeId: 1,
    season: 1,
    number: 1,
    path: "Frieren/Season 01/Frieren - S01E01.mp4",
    timestamp: Date.now(),
  });
  // The series folder was renamed meanwhile: the waiting refresh must still name the old folder after a restart.
  events.emit({
    type: "series.folderMoved",
    seriesId,
    from: "Sousou no Frieren",
    to: "Frieren",
    timestamp: 1,
  });
  // Two failed attempts: the notification is retrying, the refresh waits for its (long) batch window.
  await waitFor(() => storedNotifyAttempts(first) === 2, "two failed webhook attempts stored");
  expect(pendingKinds(first)).toEqual(["batch", "notify"]);
  expect(webhook.hits).toBe(2);
  expect(jellyfin.received).toHaveLength(0);

  await first.app.shutdown();
  webhook.failNext(0);
  const second = await startTestServer(
    { ANIWORLD_DATA_DIR: first.config.dataDir, ANIWORLD_LIBRARY: first.config.library },
    { connections: { retry, refreshQuietMs: 50 } },
  );
  cleanups.push(() => second.close());
  await webhook.waitForReceived(1);
  await jellyfin.waitForReceived(1);
  await waitFor(() => pendingKinds(second).length === 0, "nothing pending");

  const payload = webhook.received[0]!.body as NotificationPayload;
  expect(payload).toMatchObject({ event: "episodes.found", count: 2, series: { id: seriesId } });
  expect(jellyfin.received.map((r) => r.body)).toEqual([
    {
      Updates: [
        { Path: "/media/anime/Frieren", UpdateType: "Modified" },
        { Path: "/media/anime/Sousou no Frieren", UpdateType: "Deleted" },
      ],
    },
  ]);
  const hook = (await httpClient(second.url, creds.apiKeyHeaders).connections.list.query()).find(
    (c) => c.kind === "webhook",
  );
  // The attempts before the restart count: the schedule went on, it did not start over.
  expect(hook?.lastResult).toMatchObject({ ok: true, what: "episodes.found", attempts: 3 });
  expect(webhook.hits).toBe(3);
  expect(webhook.received).toHaveLength(1);
  expect(jellyfin.received).toHaveLength(1);
});

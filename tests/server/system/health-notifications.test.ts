import { afterAll, expect, test } from "bun:test";
import { mkdirSync, rmSync } from "node:fs";
import { eq } from "drizzle-orm";
import { events } from "../../../db/schema/index.ts";
import { type Receiver, startReceiver } from "../../../scripts/stand-ins/receivers.ts";
import type { NotificationPayload } from "../../../shared/connections.ts";
import type { HealthChanged } from "../../../shared/events.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

/**
 * Health changes as domain events: the scheduled local checks notice the library folder vanish (disk
 * check fails) and come back, each change is one `health.changed` in the event log and one webhook
 * message; the last status survives a restart, so the problem is not announced again and its end, seen
 * by the next server, arrives as "resolved".
 */
const receiver: Receiver = startReceiver("webhook");
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await receiver.stop();
});

function diskMessages(event: string): NotificationPayload[] {
  return receiver.received
    .map((r) => r.body as NotificationPayload)
    .filter((p) => p.event === event && p.check?.id === "disk");
}

function diskChanges(server: TestServer): HealthChanged[] {
  return server.app.services.db.db
    .select()
    .from(events)
    .where(eq(events.topic, "health.changed"))
    .all()
    .map((r) => r.payload as HealthChanged)
    .filter((e) => e.check === "disk");
}

test("a health problem appears and is resolved across a restart, each change notified once", async () => {
  // The on-demand check reaches out: to loopback only (the receiver stands in for catalogue and hoster).
  const first = await startTestServer(
    {
      ANIWORLD_CATALOG_URL: receiver.url,
      ANIWORLD_HOSTER_URLS: receiver.url,
      ANIWORLD_TMDB_URL: receiver.url,
      ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
    },
    { healthIntervalMs: 50 },
  );
  cleanups.push(() => first.close());
  const creds = await signIn(first);
  const api = httpClient(first.url, creds.apiKeyHeaders);
  await api.connections.create.mutate({
    name: "health hook",
    kind: "webhook",
    url: receiver.url,
    secret: receiver.secret,
    events: ["health.problem", "health.resolved"],
  });

  rmSync(first.config.library, { recursive: true, force: true });
  await waitFor(() => diskMessages("health.problem").length > 0, "the disk problem notification");
  const problem = diskMessages("health.problem")[0]!;
  expect(problem.schema).toBe(1);
  expect(problem.check).toMatchObject({ id: "disk", from: "ok", to: "fail" });
  expect(problem.error).toContain("cannot read the library folder");
  // The on-demand check sees the same state: no second event.
  const onDemand = await api.system.connections.query();
  expect(onDemand.find((c) => c.id === "disk")?.status).toBe("fail");
  expect(diskChanges(first)).toHaveLength(1);

  await first.app.shutdown();
  mkdirSync(first.config.library, { recursive: true });
  const second = await startTestServer(
    { ANIWORLD_DATA_DIR: first.config.dataDir, ANIWORLD_LIBRARY: first.config.library },
    { healthIntervalMs: 50 },
  );
  cleanups.push(() => second.close());
  await waitFor(() => diskMessages("health.resolved").length > 0, "the disk resolved notification");
  const resolved = diskMessages("health.resolved")[0]!;
  expect(resolved.check).toMatchObject({ id: "disk", from: "fail", to: "ok" });
  expect(resolved.error).toBeNull();
  expect(diskChanges(second).map((e) => [e.from, e.to])).toEqual([
    ["ok", "fail"],
    ["fail", "ok"],
  ]);
  expect(diskMessages("health.problem")).toHaveLength(1);
  expect(diskMessages("health.resolved")).toHaveLength(1);
});

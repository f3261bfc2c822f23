import { afterAll, beforeAll, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { events as eventsTable } from "../../../db/schema/index.ts";
import type { LoadingStatusUpdate } from "../../../shared/series-loading.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { standInEnv, startStandIns } from "../../helpers/stand-ins.ts";
import {
  httpClient,
  startTestServer,
  type TestServer,
  waitFor,
  wsClient,
} from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
let standIns: ReturnType<typeof startStandIns>;
beforeAll(async () => {
  // The loader runs for every add: point it at the loopback stand-ins, never the internet.
  standIns = startStandIns();
  server = await startTestServer(standInEnv(standIns));
  creds = await signIn(server);
});
afterAll(async () => {
  await server.close();
  await standIns.stop();
});

interface Seen {
  id: string;
  data: LoadingStatusUpdate;
}

function subscribe(input: { seriesId?: number; lastEventId?: string }) {
  const ws = wsClient(server.url, { apiKey: creds.apiKey });
  const seen: Seen[] = [];
  const errors: unknown[] = [];
  let started = false;
  const sub = ws.client.series.loadingStatus.subscribe(input, {
    onStarted: () => {
      started = true;
    },
    onData: (item) => seen.push({ id: item.id, data: item.data }),
    onError: (e) => errors.push(e),
  });
  return {
    seen,
    errors,
    started: () => waitFor(() => started, "subscription started"),
    close: () => {
      sub.unsubscribe();
      ws.close();
    },
  };
}

const loadingTopics = new Set(["series.added", "series.loadingChanged", "series.removed"]);

test("over a real WebSocket: the add shows up live; a reconnect with lastEventId gets exactly the missed events", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const first = subscribe({});
  await first.started();
  const a = await api.series.add.mutate({ catalogKey: "aniworld:ws-first" });
  expect(a.alreadyExisted).toBe(false);
  await waitFor(() => first.seen.some((s) => s.data.seriesId === a.id), "live event of the add");
  expect(first.seen[0]!.data).toMatchObject({ seriesId: a.id, status: "pending" });
  const lastId = first.seen.at(-1)!.id;
  first.close();

  // While disconnected: more adds and a removal.
  const b = await api.series.add.mutate({ catalogKey: "aniworld:ws-second" });
  const c = await api.series.add.mutate({ catalogKey: "aniworld:ws-third" });
  await api.series.remove.mutate({ id: c.id, deleteFiles: true });

  const db = server.app.services.db.db;
  const missed = () =>
    db
      .select()
      .from(eventsTable)
      .all()
      .filter((e) => e.id > Number(lastId) && loadingTopics.has(e.topic));
  const resumed = subscribe({ lastEventId: lastId });
  await waitFor(() => resumed.seen.length >= missed().length && resumed.seen.length > 0, "replay");
  // The loader may still add events: compare once it is idle and the subscriber has caught up.
  await waitFor(() => server.app.services.loader.stats().running === 0, "the loader to be idle");
  await waitFor(() => resumed.seen.length >= missed().length, "the last events");
  const expected = missed().map((e) => String(e.id));
  expect(resumed.seen.map((s) => s.id)).toEqual(expected);
  expect(new Set(resumed.seen.map((s) => s.id)).size).toBe(resumed.seen.length);
  expect(resumed.seen.map((s) => s.data.seriesId)).toContain(b.id);
  expect(resumed.seen.find((s) => s.data.seriesId === c.id && s.data.status === "removed")).toBeDefined();
  resumed.close();
});

test("many subscribers over separate sockets each receive every event", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const subs = Array.from({ length: 5 }, () => subscribe({}));
  for (const s of subs) await s.started();
  const row = await api.series.add.mutate({ catalogKey: "aniworld:ws-many" });
  await waitFor(() => subs.every((s) => s.seen.some((x) => x.data.seriesId === row.id)), "every subscriber");
  const ids = subs.map((s) => s.seen.filter((x) => x.data.seriesId === row.id)[0]!.id);
  expect(new Set(ids).size).toBe(1);
  for (const s of subs) s.close();
});

test("without credentials the subscription is refused", async () => {
  const ws = wsClient(server.url);
  const error = await new Promise<unknown>((resolve) => {
    ws.client.series.loadingStatus.subscribe({}, { onError: resolve, onData: () => resolve(null) });
  });
  ws.close();
  expect(error).toBeInstanceOf(TRPCClientError);
});

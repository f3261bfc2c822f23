import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { episodes } from "../../../db/schema/index.ts";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { appRouter } from "../../../server/routers/app-router.ts";
import type { Context } from "../../../server/trpc/context.ts";
import { createCallerFactory } from "../../../server/trpc/trpc.ts";
import type { DownloadEvent } from "../../../shared/downloads.ts";
import { expectCountersMatchEpisodes } from "../../helpers/counters.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import {
  httpClient,
  startTestServer,
  type TestServer,
  waitFor,
  wsClient,
} from "../../helpers/test-server.ts";

let hoster: HosterServer;
let catalogue: CatalogueServer;
let server: TestServer;
let creds: Credentials;
let seriesId: number;
const ids: number[] = [];

beforeAll(async () => {
  hoster = await startHosterServer();
  catalogue = startCatalogueServer({ count: 2, hosterBaseUrl: hoster.url });
  server = await startTestServer({ ANIWORLD_CATALOG_URL: catalogue.url, ANIWORLD_ALLOW_PRIVATE_HOSTS: "1" });
  creds = await signIn(server);
  const sample = catalogue.series[0]!;
  const db = server.app.services.db.db;
  seriesId = insertSeriesRow(db, {
    catalogKey: `aniworld:${sample.slug}`,
    title: sample.titleDe,
    folder: sample.slug,
  });
  for (let i = 0; i < 2; i++) {
    const e = catalogue.addEpisode(sample.slug, 5, { languages: ["de"], hosters: ["Vidoza"] });
    ids.push(
      db
        .insert(episodes)
        .values({
          seriesId,
          season: 5,
          number: e.number,
          titleDe: e.titleDe,
          languages: ["de"],
          updatedAt: 0,
        })
        .returning({ id: episodes.id })
        .get().id,
    );
  }
});
afterAll(async () => {
  await server.close();
  await Promise.all([catalogue.stop(), hoster.stop()]);
});

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

test("downloads over a real WebSocket: snapshot first, then queue changes and progress; the NFO lands beside the file", async () => {
  const socket = wsClient(server.url, { apiKey: creds.apiKey });
  const events: DownloadEvent[] = [];
  const eventIds: string[] = [];
  const sub = socket.client.downloads.progress.subscribe(undefined, {
    onData: (e) => {
      events.push(e.data);
      eventIds.push(e.id);
    },
  });
  await waitFor(() => events.length > 0, "the snapshot");
  expect(events[0]).toEqual({ type: "snapshot", items: [] });
  const result = await socket.client.downloads.enqueue.mutate({ seriesId, season: 5 });
  expect(result.queued).toHaveLength(2);
  await waitFor(
    () => events.filter((e) => e.type === "item" && e.item.state === "completed").length === 2,
    "two completed items",
  );
  expect(events.some((e) => e.type === "progress" && e.bytesDone > 0)).toBe(true);
  sub.unsubscribe();

  // A client reconnecting with the snapshot's event id gets the stored changes it missed, in order, and no
  // snapshot; progress ticks are live only, so none are replayed.
  const resumed: DownloadEvent[] = [];
  const again = socket.client.downloads.progress.subscribe(
    { lastEventId: eventIds[0] },
    { onData: (e) => resumed.push(e.data) },
  );
  await waitFor(
    () => resumed.filter((e) => e.type === "item" && e.item.state === "completed").length === 2,
    "the missed changes, replayed",
  );
  again.unsubscribe();
  socket.close();
  expect(resumed.some((e) => e.type === "snapshot" || e.type === "progress")).toBe(false);
  expect(resumed).toEqual(events.filter((e) => e.type === "item"));

  const admin = httpClient(server.url, creds.cookieHeaders);
  const list = await admin.downloads.list.query();
  expect(list.map((i) => i.state)).toEqual(["completed", "completed"]);
  const row = server.app.services.db.db.select().from(episodes).where(eq(episodes.id, ids[0]!)).get()!;
  const video = join(server.config.library, row.filePath!);
  expect(existsSync(video)).toBe(true);
  const nfo = await Bun.file(video.replace(/\.mp4$/, ".nfo")).text();
  expect(nfo).toContain("<episodedetails>");
  expect(nfo).toContain("<season>5</season>");
  // Each finished episode is a persisted domain event (the library's missing counts changed).
  const logged = server.app.services.events.log
    .replay(0, ["episode.downloaded"])
    .map((s) => s.event)
    .filter((e) => e.type === "episode.downloaded");
  expect(logged.map((e) => e.episodeId).sort()).toEqual([...ids].sort());
  expect(logged.every((e) => e.seriesId === seriesId && e.season === 5 && e.path.endsWith(".mp4"))).toBe(
    true,
  );
  expectCountersMatchEpisodes(server.app.services.db.db);
  expect((await admin.downloads.removeFinished.mutate()).removed).toHaveLength(2);
});

test("inputs are validated and errors map to codes; unauthenticated callers are refused", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  expect(await admin.downloads.enqueue.mutate({ seriesId: -1 } as never).catch(codeOf)).toBe("BAD_REQUEST");
  expect(await admin.downloads.enqueue.mutate({ episodeIds: [] }).catch(codeOf)).toBe("BAD_REQUEST");
  expect(await admin.downloads.cancel.mutate({ id: 99999 }).catch(codeOf)).toBe("NOT_FOUND");
  expect(await admin.downloads.enqueue.mutate({ seriesId: 99999 }).catch(codeOf)).toBe("NOT_FOUND");
  expect(await httpClient(server.url).downloads.list.query().catch(codeOf)).toBe("UNAUTHORIZED");

  const caller = createCallerFactory(appRouter);
  const ctx = (signedIn: boolean): Context => ({
    services: server.app.services,
    request: {
      transport: "http",
      headers: new Headers(),
      ip: "127.0.0.1",
      url: new URL(`${server.url}/trpc`),
      connectionParams: null,
      resHeaders: new Headers(),
    },
    principal: signedIn ? { userId: 1, username: "admin", via: "session" } : null,
  });
  await expect(caller(ctx(false)).downloads.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  const { queued } = await caller(ctx(true)).downloads.enqueue({ episodeIds: [ids[1]!] });
  expect(queued).toEqual([]);
  await caller(ctx(true)).downloads.pause({});
  await caller(ctx(true)).downloads.resume({});
});

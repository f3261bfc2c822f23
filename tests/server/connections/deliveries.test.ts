import { afterAll, beforeAll, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { episodes, series } from "../../../db/schema/index.ts";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { type Receiver, type ReceiverKind, startReceiver } from "../../../scripts/stand-ins/receivers.ts";
import type { ConnectionCreate, NotificationPayload } from "../../../shared/connections.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

/**
 * The real server with every kind of connection pointed at loopback stand-ins: a season of downloads
 * reaches each receiver once (media servers: one refresh of the series folder, path-mapped; notifiers: one
 * message per episode), a receiver that fails is retried while the downloads go on, and secrets never
 * come back out of the API.
 */
let hoster: HosterServer;
let catalogue: CatalogueServer;
let server: TestServer;
let creds: Credentials;
const receivers = new Map<ReceiverKind, Receiver>();
let seriesId: number;
let folder: string;

const MAPPED: Partial<Record<ReceiverKind, string>> = {
  jellyfin: "/media/anime",
  emby: "D:\\Anime",
  plex: "/data/anime",
  kodi: "nfs://nas/anime",
};

beforeAll(async () => {
  hoster = await startHosterServer();
  catalogue = startCatalogueServer({ count: 2, hosterBaseUrl: hoster.url });
  server = await startTestServer(
    { ANIWORLD_CATALOG_URL: catalogue.url, ANIWORLD_ALLOW_PRIVATE_HOSTS: "1" },
    { connections: { retry: { attempts: 4, baseMs: 20, maxMs: 50 }, refreshQuietMs: 100 } },
  );
  creds = await signIn(server);
  // The stand-ins are local: no need for the gentle rate the real catalogue gets.
  server.app.services.settings.update({ catalogRatePerSecond: 100 });
  for (const kind of ["jellyfin", "emby", "plex", "kodi", "ntfy", "gotify", "discord", "webhook"] as const)
    receivers.set(kind, startReceiver(kind, { plexLocations: ["/data/anime"] }));
  const sample = catalogue.series[0]!;
  folder = sample.slug;
  seriesId = insertSeriesRow(server.app.services.db.db, {
    catalogKey: `aniworld:${sample.slug}`,
    title: sample.titleDe,
    folder,
  });
  for (let i = 0; i < 3; i++) {
    const e = catalogue.addEpisode(sample.slug, 7, { languages: ["de"], hosters: ["Vidoza"] });
    server.app.services.db.db
      .insert(episodes)
      .values({ seriesId, season: 7, number: e.number, titleDe: e.titleDe, languages: ["de"], updatedAt: 0 })
      .run();
  }
});

afterAll(async () => {
  await server.close();
  await Promise.all([catalogue.stop(), hoster.stop(), ...[...receivers.values()].map((r) => r.stop())]);
});

function connectionFor(kind: ReceiverKind, r: Receiver): ConnectionCreate {
  const library = server.config.library;
  const mapped = MAPPED[kind];
  return {
    name: `${kind} stand-in`,
    kind,
    url: kind === "discord" ? "" : r.url,
    secret: kind === "discord" ? r.discordUrl : r.secret,
    username: kind === "kodi" ? "kodi" : "",
    topic: kind === "ntfy" ? "anime" : "",
    events: ["episode.downloaded", "download.failed"],
    pathMappings: mapped ? [{ from: library, to: mapped }] : [],
  };
}

test("every connection's test button reaches its stand-in; a wrong key is reported, not thrown", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  for (const [kind, r] of receivers) {
    const created = await api.connections.create.mutate(connectionFor(kind, r));
    const result = await api.connections.test.mutate({ id: created.id });
    expect({ kind, ok: result.ok, message: result.message }).toMatchObject({ kind, ok: true });
  }
  const wrong = await api.connections.create.mutate({
    ...connectionFor("jellyfin", receivers.get("jellyfin")!),
    name: "wrong key",
    secret: "nope",
    enabled: false,
  });
  const result = await api.connections.test.mutate({ id: wrong.id });
  expect(result.ok).toBe(false);
  expect(result.message).toContain("401");
  await api.connections.remove.mutate({ id: wrong.id });
  // The last result is visible in the list; the secret never is.
  const list = await api.connections.list.query();
  expect(list).toHaveLength(8);
  expect(list.every((c) => c.secretSet && c.lastResult?.ok === true && c.lastResult.what === "test")).toBe(
    true,
  );
  const json = JSON.stringify(list);
  for (const r of receivers.values()) expect(json).not.toContain(r.secret);
  for (const r of receivers.values()) r.received.length = 0;
});

test("a season of downloads: one path-mapped refresh per media server, one message per episode per notifier", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const { queued } = await api.downloads.enqueue.mutate({ seriesId, season: 7 });
  expect(queued).toHaveLength(3);
  const media = ["jellyfin", "emby", "plex", "kodi"] as const;
  const notifiers = ["ntfy", "gotify", "discord", "webhook"] as const;
  let finished: { state: string; error: string | null }[] = [];
  await waitFor(
    async () => {
      finished = await api.downloads.list.query();
      return finished.every((d) => d.state === "completed" || d.state === "failed");
    },
    "the three downloads to finish",
    45_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify(finished)}`);
  });

  expect(finished.map((d) => (d.state === "completed" ? d.state : `${d.state}: ${d.error}`))).toEqual([
    "completed",
    "completed",
    "completed",
  ]);
  await Promise.all([
    ...media.map((k) => receivers.get(k)!.waitForReceived(k === "plex" ? 2 : 1)),
    ...notifiers.map((k) => receivers.get(k)!.waitForReceived(3)),
  ]);
  await server.app.services.connections.queue.idle();

  const jellyfin = receivers.get("jellyfin")!.received;
  expect(jellyfin.map((r) => [r.method, r.path])).toEqual([["POST", "/Library/Media/Updated"]]);
  expect(jellyfin[0]!.body).toEqual({
    Updates: [{ Path: `/media/anime/${folder}`, UpdateType: "Modified" }],
  });
  const emby = receivers.get("emby")!.received;
  expect(emby).toHaveLength(1);
  expect(emby[0]!.body).toEqual({ Updates: [{ Path: `D:\\Anime\\${folder}`, UpdateType: "Modified" }] });
  const plex = receivers.get("plex")!.received;
  expect(plex.map((r) => r.path)).toEqual(["/library/sections", "/library/sections/2/refresh"]);
  expect(plex[1]!.query).toEqual({ path: `/data/anime/${folder}` });
  const kodi = receivers.get("kodi")!.received;
  expect(kodi.map((r) => r.body)).toEqual([
    {
      jsonrpc: "2.0",
      id: 1,
      method: "VideoLibrary.Scan",
      params: { directory: `nfs://nas/anime/${folder}/`, showdialogs: false },
    },
  ]);

  for (const k of notifiers) expect({ k, n: receivers.get(k)!.received.length }).toEqual({ k, n: 3 });
  const hook = receivers.get("webhook")!.received;
  const payloads = hook.map((r) => r.body as NotificationPayload);
  expect(payloads.map((p) => p.event)).toEqual([
    "episode.downloaded",
    "episode.downloaded",
    "episode.downloaded",
  ]);
  expect(new Set(payloads.map((p) => p.episode?.number)).size).toBe(3);
  expect(payloads[0]).toMatchObject({ schema: 1, series: { id: seriesId, folder }, error: null });
  expect(payloads[0]!.episode!.path.startsWith(`${folder}/`)).toBe(true);
  const signature = createHmac("sha256", receivers.get("webhook")!.secret)
    .update(JSON.stringify(payloads[0]))
    .digest("hex");
  expect(hook[0]!.headers["x-aniworld-signature"]).toBe(`sha256=${signature}`);
  expect(receivers.get("ntfy")!.received[0]!.path).toBe("/anime");
  const discord = receivers.get("discord")!.received[0]!.body as { allowed_mentions: unknown };
  expect(discord.allowed_mentions).toEqual({ parse: [] });

  const list = await api.connections.list.query();
  expect(list.every((c) => c.lastResult?.ok === true)).toBe(true);
  expect(list.find((c) => c.kind === "plex")!.lastResult!.what).toBe("refresh");
  expect(list.find((c) => c.kind === "webhook")!.lastResult!.what).toBe("episode.downloaded");
});

test("receivers that are down are retried with backoff, an unreachable one is given up; the download completes", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const webhook = receivers.get("webhook")!;
  const jellyfin = receivers.get("jellyfin")!;
  for (const r of [webhook, jellyfin]) r.received.length = 0;
  const before = { webhook: webhook.hits, jellyfin: jellyfin.hits };
  webhook.failNext(2);
  jellyfin.failNext(2, 500);
  const closed = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const deadUrl = `http://127.0.0.1:${closed.port}/hook`;
  await closed.stop(true);
  const dead = await api.connections.create.mutate({ name: "dead", kind: "webhook", url: deadUrl });

  const sample = catalogue.series[0]!;
  const e = catalogue.addEpisode(sample.slug, 9, { languages: ["de"], hosters: ["Vidoza"] });
  server.app.services.db.db
    .insert(episodes)
    .values({ seriesId, season: 9, number: e.number, titleDe: e.titleDe, languages: ["de"], updatedAt: 0 })
    .run();
  await api.downloads.enqueue.mutate({ seriesId, season: 9 });
  await Promise.all([webhook.waitForReceived(1), jellyfin.waitForReceived(1)]);
  await server.app.services.connections.queue.idle();
  const items = await api.downloads.list.query();
  expect(items.filter((d) => d.season === 9).map((d) => d.state)).toEqual(["completed"]);
  expect({ webhook: webhook.hits - before.webhook, jellyfin: jellyfin.hits - before.jellyfin }).toEqual({
    webhook: 3,
    jellyfin: 3,
  });
  expect(webhook.received[0]!.body).toMatchObject({ event: "episode.downloaded", episode: { season: 9 } });
  expect(jellyfin.received.map((r) => r.path)).toEqual(["/Library/Media/Updated"]);
  const list = await api.connections.list.query();
  expect(list.find((c) => c.kind === "webhook" && c.name !== "dead")!.lastResult).toMatchObject({
    ok: true,
    attempts: 3,
  });
  expect(list.find((c) => c.kind === "jellyfin")!.lastResult).toMatchObject({
    ok: true,
    what: "refresh",
    attempts: 3,
  });
  expect(list.find((c) => c.id === dead.id)!.lastResult).toMatchObject({ ok: false, attempts: 4 });
  expect(list.find((c) => c.id === dead.id)!.lastResult!.message).toContain("unreachable");
  await api.connections.remove.mutate({ id: dead.id });
});

test("a download that fails is a notification of its own", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const webhook = receivers.get("webhook")!;
  webhook.received.length = 0;
  const sample = catalogue.series[0]!;
  const e = catalogue.addEpisode(sample.slug, 10, { languages: ["de"], hosters: ["Vidoza"] });
  hoster.behaviour.variants[`vidoza/${sample.slug}-s10e${e.number}-de`] = "gone";
  server.app.services.db.db
    .insert(episodes)
    .values({ seriesId, season: 10, number: e.number, titleDe: e.titleDe, languages: ["de"], updatedAt: 0 })
    .run();
  await api.downloads.enqueue.mutate({ seriesId, season: 10 });
  await webhook.waitForReceived(1);
  const failed = (await api.downloads.list.query()).find((d) => d.season === 10)!;
  expect(failed.state).toBe("failed");
  expect(webhook.received[0]!.body).toMatchObject({
    event: "download.failed",
    error: failed.error,
    title: expect.stringContaining(`S10E${String(e.number).padStart(2, "0")}`),
    episode: { id: failed.episodeId, season: 10, number: e.number, path: "" },
  });
});

test("a receiver that hangs does not hold up the download that caused the notification", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  let release: () => void = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let waiting = 0;
  const stall = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch() {
      waiting++;
      await released;
      return new Response("late");
    },
  });
  const slow = await api.connections.create.mutate({
    name: "slow",
    kind: "webhook",
    url: `http://127.0.0.1:${stall.port}/`,
    events: ["episode.downloaded"],
  });
  const sample = catalogue.series[0]!;
  const e = catalogue.addEpisode(sample.slug, 8, { languages: ["de"], hosters: ["Vidoza"] });
  server.app.services.db.db
    .insert(episodes)
    .values({ seriesId, season: 8, number: e.number, titleDe: e.titleDe, languages: ["de"], updatedAt: 0 })
    .run();
  await api.downloads.enqueue.mutate({ seriesId, season: 8 });
  await waitFor(() => waiting === 1, "the notification to reach the hanging receiver");
  const items = await api.downloads.list.query();
  expect(items.filter((d) => d.season === 8).map((d) => d.state)).toEqual(["completed"]);
  release();
  await server.app.services.connections.queue.idle();
  const list = await api.connections.list.query();
  expect(list.find((c) => c.id === slow.id)!.lastResult).toMatchObject({ ok: true, attempts: 1 });
  await stall.stop(true);
});

test("secrets are write-only: an update without one keeps it, a new URL needs it again; bad input is refused", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const gotify = (await api.connections.list.query()).find((c) => c.kind === "gotify")!;
  const { secretSet: _s, lastResult: _l, ...editable } = gotify;
  const kept = await api.connections.update.mutate({ ...editable, name: "renamed" });
  expect(kept.secretSet).toBe(true);
  expect((await api.connections.test.mutate({ id: gotify.id })).ok).toBe(true);
  const moved = await api.connections.update.mutate({ ...editable, url: `${gotify.url}/` });
  expect(moved.secretSet).toBe(false);
  await expect(
    api.connections.create.mutate({ name: "x", kind: "ntfy", url: "http://127.0.0.1:1" }),
  ).rejects.toThrow(/topic/);
  await expect(
    api.connections.create.mutate({ name: "x", kind: "webhook", url: "file:///etc/passwd" }),
  ).rejects.toThrow(/http/);
  await expect(httpClient(server.url).connections.list.query()).rejects.toThrow(/sign in/);
  const settings = await api.settings.get.query();
  expect(JSON.stringify(settings)).not.toContain('tmdbApiKey"');
});

test("a monitored series' new episodes are a notification", async () => {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const webhook = receivers.get("webhook")!;
  const view = (await api.connections.list.query()).find((c) => c.kind === "webhook")!;
  const { secretSet: _s, lastResult: _l, ...editable } = view;
  await api.connections.update.mutate({ ...editable, events: ["episodes.found"] });
  webhook.received.length = 0;
  server.app.services.db.db.update(series).set({ monitored: true }).where(eq(series.id, seriesId)).run();
  catalogue.addEpisode(catalogue.series[0]!.slug, 11, { languages: ["de"], hosters: ["Vidoza"] });
  const report = await server.app.services.monitor.checkNow();
  expect(report.added).toBeGreaterThan(0);
  await webhook.waitForReceived(1);
  expect(webhook.received[0]!.body).toMatchObject({ event: "episodes.found", count: report.added });
  await api.connections.update.mutate(editable);
});

/**
 * Waits until what earlier tests started is delivered: the series' downloads (the monitor test queues some)
 * have finished, no refresh waits for its batch and no delivery is queued. A test's receivers then see only
 * what that test causes.
 */
async function earlierWorkDelivered(): Promise<void> {
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const active = ["queued", "resolving", "downloading", "paused"];
  await waitFor(
    async () => !(await api.downloads.list.query()).some((d) => active.includes(d.state)),
    "earlier downloads to finish",
    45_000,
  );
  await waitFor(() => server.app.services.connections.pending.batches().length === 0, "waiting refreshes");
  await server.app.services.connections.queue.idle();
}

test("organize renames the series folder: every media server reads the new folder and drops the old one", async () => {
  await earlierWorkDelivered();
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const media = ["jellyfin", "emby", "plex", "kodi"] as const;
  for (const k of media) receivers.get(k)!.received.length = 0;
  // A year makes the folder template's name differ from the folder the series has.
  server.app.services.db.db.update(series).set({ year: 2020 }).where(eq(series.id, seriesId)).run();
  const done = await api.series.organize.mutate({ id: seriesId });
  expect(done.folder).toEqual({ from: folder, to: expect.stringContaining("2020") });
  const to = done.folder!.to;
  expect(done.renamed).toBeGreaterThan(0);
  await Promise.all(
    media.map((k) => receivers.get(k)!.waitForReceived(k === "plex" ? 3 : k === "kodi" ? 2 : 1)),
  );
  await server.app.services.connections.queue.idle();

  // One refresh per server, after the whole organize: the old folder is gone, the new one holds renamed files.
  expect(receivers.get("jellyfin")!.received.map((r) => r.body)).toEqual([
    {
      Updates: [
        { Path: `/media/anime/${to}`, UpdateType: "Modified" },
        { Path: `/media/anime/${folder}`, UpdateType: "Deleted" },
      ],
    },
  ]);
  expect(receivers.get("emby")!.received.map((r) => r.body)).toEqual([
    {
      Updates: [
        { Path: `D:\\Anime\\${to}`, UpdateType: "Modified" },
        { Path: `D:\\Anime\\${folder}`, UpdateType: "Deleted" },
      ],
    },
  ]);
  expect(receivers.get("plex")!.received.map((r) => r.query.path ?? null)).toEqual([
    null,
    `/data/anime/${to}`,
    `/data/anime/${folder}`,
  ]);
  expect(receivers.get("kodi")!.received.map((r) => r.body)).toMatchObject([
    { method: "VideoLibrary.Scan", params: { directory: `nfs://nas/anime/${to}/` } },
    { method: "VideoLibrary.Clean", params: { directory: `nfs://nas/anime/${folder}/`, content: "tvshows" } },
  ]);
  // Nothing is left waiting: a restart would not send it again.
  expect(server.app.services.connections.pending.batches()).toEqual([]);
});

test("organize renames only the files: every media server rescans the series folder, nothing is gone", async () => {
  await earlierWorkDelivered();
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const media = ["jellyfin", "emby", "plex", "kodi"] as const;
  for (const k of media) receivers.get(k)!.received.length = 0;
  const [row] = server.app.services.db.db.select().from(series).where(eq(series.id, seriesId)).all();
  const current = row!.folder;
  await api.settings.update.mutate({ namingTemplate: "{series} {season}x{episode:00}" });
  const done = await api.series.organize.mutate({ id: seriesId });
  expect(done.folder).toBeNull();
  expect(done.renamed).toBeGreaterThan(0);
  await Promise.all(media.map((k) => receivers.get(k)!.waitForReceived(k === "plex" ? 2 : 1)));
  await server.app.services.connections.queue.idle();

  expect(receivers.get("jellyfin")!.received.map((r) => r.body)).toEqual([
    { Updates: [{ Path: `/media/anime/${current}`, UpdateType: "Modified" }] },
  ]);
  expect(receivers.get("plex")!.received.map((r) => r.query.path ?? null)).toEqual([
    null,
    `/data/anime/${current}`,
  ]);
  expect(receivers.get("kodi")!.received.map((r) => (r.body as { method: string }).method)).toEqual([
    "VideoLibrary.Scan",
  ]);
});

test("a series removed with its files: every media server drops its folder, nothing is rescanned", async () => {
  await earlierWorkDelivered();
  const api = httpClient(server.url, creds.apiKeyHeaders);
  const media = ["jellyfin", "emby", "plex", "kodi"] as const;
  const gone = "Removed Series (2001)";
  mkdirSync(join(server.config.library, gone, "Season 01"), { recursive: true });
  writeFileSync(join(server.config.library, gone, "Season 01", "Removed Series - S01E01.mkv"), "x");
  const id = insertSeriesRow(server.app.services.db.db, {
    catalogKey: "aniworld:removed-series",
    title: "Removed Series",
    folder: gone,
  });
  // Removed from Aniworld only: the files stay, so the media servers keep what they show.
  const kept = "Kept Series (2002)";
  mkdirSync(join(server.config.library, kept), { recursive: true });
  const keptId = insertSeriesRow(server.app.services.db.db, {
    catalogKey: "aniworld:kept-series",
    title: "Kept Series",
    folder: kept,
  });
  for (const k of media) receivers.get(k)!.received.length = 0;
  await api.series.remove.mutate({ id: keptId, deleteFiles: false });
  await server.app.services.connections.queue.idle();
  expect(media.map((k) => receivers.get(k)!.received.length)).toEqual([0, 0, 0, 0]);

  expect(await api.series.remove.mutate({ id, deleteFiles: true })).toEqual({ id, filesDeleted: true });
  expect(existsSync(join(server.config.library, gone))).toBe(false);
  await Promise.all(media.map((k) => receivers.get(k)!.waitForReceived(k === "plex" ? 2 : 1)));
  await server.app.services.connections.queue.idle();
  expect(receivers.get("jellyfin")!.received.map((r) => r.body)).toEqual([
    { Updates: [{ Path: `/media/anime/${gone}`, UpdateType: "Deleted" }] },
  ]);
  expect(receivers.get("plex")!.received.map((r) => r.query.path ?? null)).toEqual([
    null,
    `/data/anime/${gone}`,
  ]);
  expect(receivers.get("kodi")!.received.map((r) => r.body)).toMatchObject([
    { method: "VideoLibrary.Clean", params: { directory: `nfs://nas/anime/${gone}/` } },
  ]);
  expect(receivers.get("emby")!.received).toHaveLength(1);
});

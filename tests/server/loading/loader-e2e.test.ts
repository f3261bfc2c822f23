import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { series as seriesTable } from "../../../db/schema/index.ts";
import { isTemporaryName } from "../../../server/fs/atomic-write.ts";
import type { LoadingStatusUpdate } from "../../../shared/series-loading.ts";
import { expectCountersMatchEpisodes } from "../../helpers/counters.ts";
import { type Credentials, startSignedInServer } from "../../helpers/sign-in.ts";
import { standInEnv, startStandIns, TMDB_KEY } from "../../helpers/stand-ins.ts";
import { httpClient, type TestServer, waitFor, wsClient } from "../../helpers/test-server.ts";

let standIns: ReturnType<typeof startStandIns>;
let server: TestServer;
let creds: Credentials;
let api: ReturnType<typeof httpClient>;

beforeAll(async () => {
  standIns = startStandIns();
  ({ server, creds } = await startSignedInServer(standInEnv(standIns)));
  api = httpClient(server.url, creds.apiKeyHeaders);
  await api.settings.update.mutate({
    tmdbApiKey: TMDB_KEY,
    catalogRatePerSecond: 1000,
    tmdbRatePerSecond: 1000,
  });
});
afterAll(async () => {
  await server.close();
  await standIns.stop();
});

// Series the TMDB stand-in has a German/English logo for (index % 7 = 0 only has a Japanese one).
const withTmdb = () => standIns.catalogue.series.filter((s) => s.tmdbId !== null && s.index % 7 !== 0);
const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));
const statusOf = (id: number) => server.app.services.loader.repository.get(id)?.loadingStatus;
const folderOf = (folder: string) => join(server.config.library, folder);

function watch(seriesId?: number) {
  const ws = wsClient(server.url, { apiKey: creds.apiKey });
  const seen: LoadingStatusUpdate[] = [];
  let started = false;
  const sub = ws.client.series.loadingStatus.subscribe(seriesId === undefined ? {} : { seriesId }, {
    onStarted: () => {
      started = true;
    },
    onData: (item) => seen.push(item.data),
  });
  return {
    seen,
    started: () => waitFor(() => started, "subscription started"),
    close: () => {
      sub.unsubscribe();
      ws.close();
    },
  };
}

test("add → row at once → statuses in order over WebSocket → completed with NFO, poster, fanart, logo", async () => {
  const sample = withTmdb()[0]!;
  const live = watch();
  await live.started();
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  expect(row).toMatchObject({ loadingStatus: "pending", alreadyExisted: false });
  await waitFor(
    () => live.seen.some((u) => u.seriesId === row.id && u.status === "completed"),
    "completed",
    20_000,
  );
  live.close();
  const statuses = live.seen.filter((u) => u.seriesId === row.id).map((u) => u.status);
  expect([...new Set(statuses)]).toEqual([
    "pending",
    "loading_episodes",
    "loading_nfo",
    "loading_logo",
    "loading_images",
    "completed",
  ]);
  const dir = folderOf(row.folder);
  const files = readdirSync(dir);
  for (const file of ["tvshow.nfo", "poster.jpg", "fanart.jpg", "logo.png", ".aniworld.json"])
    expect(files).toContain(file);
  const done = server.app.services.loader.repository.get(row.id)!;
  expect(done.title).toBe(sample.titleDe);
  expect(done.tmdbId).toBe(sample.tmdbId);
  expect([done.episodesLoaded, done.nfoLoaded, done.logoLoaded, done.imagesLoaded]).toEqual([
    true,
    true,
    true,
    true,
  ]);
  expect(done.logoUnavailable).toBe(false);
  expect(readdirSync(dir).filter(isTemporaryName)).toEqual([]);

  const again = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  expect(again).toMatchObject({ id: row.id, alreadyExisted: true });
}, 30_000);

test("ten adds at once all complete", async () => {
  const samples = withTmdb().slice(1, 11);
  const rows = await Promise.all(
    samples.map((s) => api.series.add.mutate({ catalogKey: `aniworld:${s.slug}` })),
  );
  await waitFor(() => rows.every((r) => statusOf(r.id) === "completed"), "ten completed", 60_000);
  for (const r of rows) expect(existsSync(join(folderOf(r.folder), "tvshow.nfo"))).toBe(true);
  // The episodes step keeps series.list's counters equal to the episode rows.
  expectCountersMatchEpisodes(server.app.services.db.db);
  const listed = (await api.series.list.query({ limit: 500 })).rows;
  for (const r of rows) expect(listed.find((l) => l.id === r.id)?.episodesTotal).toBeGreaterThan(0);
}, 90_000);

test("a failing catalogue → failed with a message naming the step → retryLoading → completed", async () => {
  const sample = withTmdb()[12]!;
  standIns.catalogue.inject(`/anime/stream/${sample.slug}`, { kind: "status", status: 403 }, 1);
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  await waitFor(() => statusOf(row.id) === "failed", "failed", 20_000);
  const failed = server.app.services.loader.repository.get(row.id)!;
  expect(failed.loadingError).toContain("episodes");
  expect(failed.loadingError).toContain("403");
  const retried = await api.series.retryLoading.mutate({ id: row.id });
  expect(retried.loadingStatus).toBe("pending");
  await waitFor(() => statusOf(row.id) === "completed", "completed after retry", 20_000);
}, 60_000);

test("deleting a series while it loads cancels it; its folder goes, nothing reappears", async () => {
  const sample = withTmdb()[13]!;
  // A throttled catalogue (one request per 10 s) keeps the series in its episodes step.
  await api.settings.update.mutate({ catalogRatePerSecond: 0.1 });
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  await waitFor(() => statusOf(row.id) === "loading_episodes", "loading", 20_000);
  const result = await api.series.remove.mutate({ id: row.id, deleteFiles: true });
  expect(result.filesDeleted).toBe(true);
  await api.settings.update.mutate({ catalogRatePerSecond: 1000 });
  await waitFor(() => server.app.services.loader.stats().running === 0, "the cancelled job to end");
  expect(existsSync(folderOf(row.folder))).toBe(false);
  const rows = server.app.services.db.db.select().from(seriesTable).all();
  expect(rows.find((r) => r.id === row.id)).toBeUndefined();
}, 30_000);

test("a series TMDB has no usable logo for completes without one, and a restart does not load it again", async () => {
  // index % 7 = 0: the TMDB stand-in has only a Japanese logo for it, which a de-DE library does not use.
  const sample = standIns.catalogue.series.find((s) => s.tmdbId !== null && s.index % 7 === 0)!;
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  await waitFor(() => statusOf(row.id) === "completed", `${sample.slug} completed`, 20_000);
  expect(existsSync(join(folderOf(row.folder), "logo.png"))).toBe(false);
  expect(existsSync(join(folderOf(row.folder), "tvshow.nfo"))).toBe(true);
  expect(server.app.services.loader.repository.get(row.id)).toMatchObject({
    logoLoaded: true,
    logoUnavailable: true,
  });
  // The web app asks for no logo.png that is not there.
  expect(await api.series.get.query({ id: row.id })).toMatchObject({
    logoLoaded: true,
    logoUnavailable: true,
  });
  // The startup backfill sees every step done and nothing lost: the missing logo.png is no reason to load.
  await server.app.services.loader.backfill();
  expect(statusOf(row.id)).toBe("completed");
});

test("a series loaded before a TMDB key was set gets its logo at the next start after one is", async () => {
  await api.settings.update.mutate({ tmdbApiKey: "" });
  const sample = withTmdb().at(-1)!;
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  await waitFor(() => statusOf(row.id) === "completed", `${sample.slug} completed`, 20_000);
  const logo = join(folderOf(row.folder), "logo.png");
  // Catalogue-only metadata: no logo, but none was asked for either.
  expect(existsSync(logo)).toBe(false);
  expect(server.app.services.loader.repository.get(row.id)?.logoUnavailable).toBe(false);
  await api.settings.update.mutate({ tmdbApiKey: TMDB_KEY });
  await server.app.services.loader.backfill();
  await waitFor(() => existsSync(logo) && statusOf(row.id) === "completed", "the logo loaded", 20_000);
  expect(server.app.services.loader.repository.get(row.id)?.logoUnavailable).toBe(false);
});

test("retryLoading on a completed series reads its episodes again: new ones and a dub that arrived since", async () => {
  const sample = withTmdb()[14]!;
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  await waitFor(() => statusOf(row.id) === "completed", `${sample.slug} completed`, 20_000);
  const nfo = join(folderOf(row.folder), "tvshow.nfo");
  const nfoBefore = await Bun.file(nfo).text();
  const before = (await api.series.get.query({ id: row.id })).episodes;
  // Since then the catalogue lists one more episode, and an episode without a German dub got one.
  const undubbed = before.find((e) => !e.languages.includes("de"))!;
  sample.seasons
    .get(undubbed.season)!
    .find((e) => e.number === undubbed.number)!
    .languages.push("de");
  const added = standIns.catalogue.addEpisode(sample.slug, 1, { languages: ["de-sub"], hosters: ["VOE"] });

  const retried = await api.series.retryLoading.mutate({ id: row.id });
  expect(retried.loadingStatus).toBe("pending");
  await waitFor(() => statusOf(row.id) === "completed", "completed after the refresh", 20_000);
  const after = (await api.series.get.query({ id: row.id })).episodes;
  expect(after).toHaveLength(before.length + 1);
  expect(after.some((e) => e.season === 1 && e.number === added.number && e.inCatalog)).toBe(true);
  expect(after.find((e) => e.id === undubbed.id)?.languages).toContain("de");
  // Only the episode list was read again: the NFO and the artwork stay as they were.
  expect(await Bun.file(nfo).text()).toBe(nfoBefore);
  expect(server.app.services.loader.repository.get(row.id)).toMatchObject({
    nfoLoaded: true,
    logoLoaded: true,
    imagesLoaded: true,
  });
});

test("retryLoadingMany: the selected series load again; an unknown id changes nothing", async () => {
  const samples = [withTmdb()[15]!, withTmdb()[16]!];
  const rows = await Promise.all(
    samples.map((s) => api.series.add.mutate({ catalogKey: `aniworld:${s.slug}` })),
  );
  for (const row of rows)
    await waitFor(() => statusOf(row.id) === "completed", `${row.folder} completed`, 20_000);
  const ids = rows.map((r) => r.id);
  expect(await api.series.retryLoadingMany.mutate({ ids: [...ids, 999_999] }).catch(codeOf)).toBe(
    "NOT_FOUND",
  );
  expect(ids.map(statusOf)).toEqual(["completed", "completed"]);
  const before = server.app.services.events.log.lastId();
  expect(await api.series.retryLoadingMany.mutate({ ids })).toEqual({ queued: 2 });
  for (const id of ids)
    await waitFor(() => statusOf(id) === "completed", `series ${id} completed again`, 20_000);
  // Each went through its episodes step again.
  const steps = server.app.services.events.log
    .replay(before, ["series.loadingChanged"])
    .flatMap((e) =>
      e.event.type === "series.loadingChanged" ? [`${e.event.seriesId} ${e.event.status}`] : [],
    );
  for (const id of ids) expect(steps).toContain(`${id} loading_episodes`);
});

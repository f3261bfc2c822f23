import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { episodes, series } from "../../../db/schema/index.ts";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { startTmdbServer, type TmdbServer } from "../../../scripts/stand-ins/tmdb-server.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import {
  httpClient,
  startTestServer,
  type TestServer,
  waitFor,
  wsClient,
} from "../../helpers/test-server.ts";

const TMDB_KEY = "0123456789abcdef0123456789abcdef";
let hoster: HosterServer;
let catalogue: CatalogueServer;
let tmdb: TmdbServer;
let server: TestServer;
let creds: Credentials;
let seriesId: number;
const ids: number[] = [];
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  hoster = await startHosterServer();
  catalogue = startCatalogueServer({ count: 2, hosterBaseUrl: hoster.url });
  tmdb = startTmdbServer({ apiKey: TMDB_KEY, series: catalogue.series });
  server = await startTestServer({
    ANIWORLD_CATALOG_URL: catalogue.url,
    ANIWORLD_TMDB_URL: tmdb.apiUrl,
    ANIWORLD_TMDB_IMAGE_URL: tmdb.imageUrl,
    // The hoster stand-in the catalogue points to is on loopback too.
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
  });
  creds = await signIn(server);
  // The stand-ins are local: no need for the gentle rate the real catalogue gets.
  server.app.services.settings.update({ catalogRatePerSecond: 1000 });
  const sample = catalogue.series[0]!;
  const db = server.app.services.db.db;
  seriesId = insertSeriesRow(db, {
    catalogKey: `aniworld:${sample.slug}`,
    title: "Blaue <b>Drachen</b>",
    folder: sample.slug,
  });
  db.update(series).set({ monitored: true }).where(eq(series.id, seriesId)).run();
  const airDates = [inDays(-3), today, inDays(7)];
  for (const airDate of airDates) {
    const e = catalogue.addEpisode(sample.slug, 6, {
      languages: ["de", "de-sub"],
      hosters: ["Vidoza", "VOE"],
    });
    ids.push(
      db
        .insert(episodes)
        .values({
          seriesId,
          season: 6,
          number: e.number,
          titleDe: e.titleDe,
          languages: ["de"],
          airDate,
          updatedAt: 0,
        })
        .returning({ id: episodes.id })
        .get().id,
    );
  }
});
afterAll(async () => {
  await server.close();
  await Promise.all([catalogue.stop(), hoster.stop(), tmdb.stop()]);
});

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

test("wanted: every missing episode, paged and sorted on the server, searchable", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const first = await admin.library.wanted.query({ limit: 2, sort: "airDate", descending: true });
  expect(first.total).toBe(3);
  expect(first.items.map((i) => i.airDate)).toEqual([inDays(7), today]);
  const next = await admin.library.wanted.query({ limit: 2, offset: 2 });
  expect(next.items.map((i) => i.episodeId)).toEqual([ids[0]!]);
  expect((await admin.library.wanted.query({ search: "nothing like this" })).total).toBe(0);
  expect((await admin.library.wanted.query({ search: "drachen" })).total).toBe(3);
  expect(await admin.library.wanted.query({ limit: 0 }).catch(codeOf)).toBe("BAD_REQUEST");
});

test("per-episode monitoring: unmonitored episodes leave Wanted and are skipped by download missing", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const { changed } = await admin.series.setEpisodesMonitored.mutate({
    seriesId,
    episodeIds: [ids[1]!, 999_999],
    monitored: false,
  });
  expect(changed).toEqual([ids[1]!]);
  const wanted = await admin.library.wanted.query({});
  expect(wanted.items.map((i) => i.episodeId).sort()).toEqual([ids[0]!, ids[2]!].sort());
  const details = await admin.series.get.query({ id: seriesId });
  expect(details.episodes.find((e) => e.id === ids[1])?.monitored).toBe(false);
  await admin.series.setEpisodesMonitored.mutate({ seriesId, episodeIds: [ids[1]!], monitored: true });
  expect((await admin.library.wanted.query({})).total).toBe(3);
  expect(
    await admin.series.setEpisodesMonitored
      .mutate({ seriesId: 999_999, episodeIds: [ids[0]!], monitored: true })
      .catch(codeOf),
  ).toBe("NOT_FOUND");
});

test("calendar: episodes of monitored series by air date; the iCal feed needs an API key in the URL", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const week = await admin.library.calendar.query({ from: inDays(-1), to: inDays(8) });
  expect(week.map((e) => e.airDate)).toEqual([today, inDays(7)]);
  expect(await admin.library.calendar.query({ from: "2026-1-1", to: today }).catch(codeOf)).toBe(
    "BAD_REQUEST",
  );

  expect((await fetch(`${server.url}/feed/calendar.ics`)).status).toBe(401);
  expect((await fetch(`${server.url}/feed/calendar.ics?apikey=aw_wrongwrongwrongwrong`)).status).toBe(401);
  const res = await fetch(`${server.url}/feed/calendar.ics?apikey=${creds.apiKey}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/calendar");
  const ics = await res.text();
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  expect(ics).toContain(`DTSTART;VALUE=DATE:${today.replace(/-/g, "")}`);
  // Catalogue text stays text: the markup in the title is carried verbatim, commas escaped.
  expect(ics).toContain("Blaue <b>Drachen</b> S06E");
});

test("manual source: the episode's links per language, and a queued download uses the one picked", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const sources = await admin.downloads.sources.query({ episodeId: ids[0]! });
  expect(sources.map((s) => `${s.language}/${s.hoster}`).sort()).toEqual(
    ["de-sub/VOE", "de-sub/Vidoza", "de/VOE", "de/Vidoza"].sort(),
  );
  const socket = wsClient(server.url, { apiKey: creds.apiKey });
  const { queued } = await admin.downloads.enqueue.mutate({
    episodeId: ids[0]!,
    source: { language: "de-sub", hoster: "Vidoza" },
  });
  expect(queued).toHaveLength(1);
  await waitFor(
    async () => (await admin.downloads.list.query()).some((d) => d.state === "completed"),
    "done",
  );
  const done = (await admin.downloads.list.query()).find((d) => d.id === queued[0])!;
  expect(done.language).toBe("de-sub");
  expect(done.hoster).toBe("Vidoza");
  socket.close();
  expect(await admin.downloads.sources.query({ episodeId: 999_999 }).catch(codeOf)).toBe("NOT_FOUND");
});

test("history: finished downloads filtered by series, result and date; removal by id", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const all = await admin.downloads.history.query({});
  expect(all.total).toBe(1);
  expect(all.items[0]).toMatchObject({ seriesId, result: "completed", language: "de-sub" });
  expect((await admin.downloads.history.query({ result: "failed" })).total).toBe(0);
  expect((await admin.downloads.history.query({ episodeId: ids[0]! })).total).toBe(1);
  expect((await admin.downloads.history.query({ from: inDays(1) })).total).toBe(0);
  expect((await admin.downloads.history.query({ to: today, from: today })).total).toBe(1);
  const removed = await admin.downloads.removeHistory.mutate({ ids: [all.items[0]!.id] });
  expect(removed.removed).toEqual([all.items[0]!.id]);
  expect((await admin.downloads.history.query({})).total).toBe(0);
});

test("tasks: scan, monitor check and backup with last and next run; run now starts one", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const tasks = await admin.system.tasks.query();
  expect(tasks.map((t) => t.name)).toEqual(["scan", "monitor", "backup"]);
  expect(tasks.every((t) => t.nextRunAt === null || t.nextRunAt > Date.now())).toBe(true);
  await admin.system.runTask.mutate({ name: "monitor" });
  await waitFor(async () => {
    const m = (await admin.system.tasks.query()).find((t) => t.name === "monitor");
    return m?.lastRun?.finishedAt != null;
  }, "the monitor check to finish");
  const monitor = (await admin.system.tasks.query()).find((t) => t.name === "monitor")!;
  expect(monitor.lastRun?.summary).toContain("1 series checked");
  expect(tasks.find((t) => t.name === "backup")?.lastRun).toBeNull();
  await admin.system.runTask.mutate({ name: "backup" });
  const backup = (await admin.system.tasks.query()).find((t) => t.name === "backup")!;
  expect(backup.lastRun?.ok).toBe(true);
  expect(backup.lastRun?.summary).toMatch(/KiB\)$/);
  expect((await admin.backups.list.query()).backups).toHaveLength(1);
  expect(await admin.system.runTask.mutate({ name: "nope" as "scan" }).catch(codeOf)).toBe("BAD_REQUEST");
});

test("settings: a TMDB key is checked on save (refused → not saved); other clients see changes live", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const socket = wsClient(server.url, { apiKey: creds.apiKey });
  const seen: number[] = [];
  const sub = socket.client.settings.changes.subscribe(undefined, {
    onData: (s) => seen.push(s.data.downloadConcurrency),
  });
  await waitFor(() => seen.length === 1, "the current settings");
  const refused = await admin.settings.update.mutate({ tmdbApiKey: "not-the-key" }).catch((e: unknown) => e);
  expect(codeOf(refused)).toBe("BAD_REQUEST");
  expect((refused as Error).message).toContain("TMDB refused");
  expect((await admin.settings.get.query()).tmdbApiKeySet).toBe(false);
  const ok = await admin.settings.update.mutate({ tmdbApiKey: TMDB_KEY });
  expect(ok.tmdbKeyCheck?.status).toBe("valid");
  expect(ok.tmdbApiKeySet).toBe(true);
  await admin.settings.update.mutate({ downloadConcurrency: 3 });
  await waitFor(() => seen.includes(3), "the change on the other client");
  sub.unsubscribe();
  socket.close();
  const dup = await admin.settings.update.mutate({ hosterOrder: ["VOE", "voe"] }).catch((e: unknown) => e);
  expect(codeOf(dup)).toBe("BAD_REQUEST");
});

test("air dates come from TMDB each time a matched series finishes loading (the calendar's source); a failure is logged", async () => {
  const services = server.app.services;
  const admin = httpClient(server.url, creds.cookieHeaders);
  const sample = catalogue.series[0]!;
  expect(sample.tmdbId).not.toBeNull();
  const db = services.db.db;
  const datesOf = () =>
    db
      .select()
      .from(episodes)
      .where(eq(episodes.seriesId, seriesId))
      .all()
      .map((e) => e.airDate)
      .filter((d): d is string => d !== null);
  const loadAgain = async () => {
    const before = services.events.log.lastId();
    await admin.series.retryLoading.mutate({ id: seriesId });
    await waitFor(
      () =>
        services.events.log
          .replay(before, ["series.loadingChanged"], seriesId)
          .some((e) => e.event.type === "series.loadingChanged" && e.event.status === "completed"),
      "the loading to end",
      20_000,
    );
  };
  // Every step done, but not completed: loading again runs no step (the catalogue's own dates stay out),
  // only the air dates. (Loading a completed series again reads its episode list anew.)
  db.update(series)
    .set({
      loadingStatus: "failed",
      tmdbId: sample.tmdbId,
      episodesLoaded: true,
      nfoLoaded: true,
      logoLoaded: true,
      imagesLoaded: true,
    })
    .where(eq(series.id, seriesId))
    .run();
  db.update(episodes).set({ airDate: null }).where(eq(episodes.seriesId, seriesId)).run();
  // TMDB refuses the season lists once: the loading still completes, the dates stay unknown, a warning says why.
  tmdb.inject(`/3/tv/${sample.tmdbId}/season/`, { kind: "status", status: 404 }, 1);
  await loadAgain();
  expect(datesOf()).toEqual([]);
  expect(server.logs.some((l) => l.includes("air dates not refreshed"))).toBe(true);
  // The key was saved (and checked) by the settings test above.
  // The monitor check above added the catalogue's episodes; TMDB knows those (not the test's own season 6).
  db.update(series).set({ loadingStatus: "failed" }).where(eq(series.id, seriesId)).run();
  await loadAgain();
  const known = datesOf();
  expect(known.length).toBeGreaterThan(0);
  expect(known.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
});

test("adding with options: monitored, own languages, missing episodes queued once the list has loaded; folder from the search's title and year", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const sample = catalogue.series[1]!;
  await admin.catalog.search.query({ query: sample.titleDe });
  const added = await admin.series.add.mutate({
    catalogKey: `aniworld:${sample.slug}`,
    monitored: true,
    languages: ["de-sub", "de"],
    downloadMissing: true,
  });
  expect(added.monitored).toBe(true);
  expect(added.languages).toEqual(["de-sub", "de"]);
  expect(added.title).toBe(sample.titleDe);
  expect(added.folder).toBe(`${sample.titleDe} (${sample.startYear})`);
  await waitFor(
    async () => (await admin.downloads.list.query()).some((d) => d.seriesId === added.id),
    "the new series' missing episodes in the queue",
  );
  expect(await admin.series.add.mutate({ catalogKey: "aniworld:x", languages: [] }).catch(codeOf)).toBe(
    "BAD_REQUEST",
  );
});

test("organize: preview, then folder and files renamed to the templates; the database follows", async () => {
  const admin = httpClient(server.url, creds.cookieHeaders);
  const active = ["queued", "resolving", "downloading", "paused"];
  await waitFor(
    async () =>
      !(await admin.downloads.list.query()).some((d) => d.seriesId === seriesId && active.includes(d.state)),
    "the series' downloads to finish",
  );
  const db = server.app.services.db.db;
  // A title with markup (a reload since may have stored the catalogue's): the folder name is made safe.
  db.update(series).set({ year: 2020, title: "Blaue <b>Drachen</b>" }).where(eq(series.id, seriesId)).run();
  const plan = await admin.series.organizePreview.query({ id: seriesId });
  const folder = "Blaue bDrachen-b (2020)";
  expect(plan.folder).toEqual({ from: catalogue.series[0]!.slug, to: folder });
  expect(plan.files.length).toBeGreaterThan(0);
  expect(plan.files.every((f) => /^Blaue bDrachen-b \(2020\)\/(Season \d+|Specials)\//.test(f.to))).toBe(
    true,
  );
  const done = await admin.series.organize.mutate({ id: seriesId });
  expect(done.renamed).toBe(plan.files.length);
  const rows = db.select().from(episodes).where(eq(episodes.seriesId, seriesId)).all();
  for (const f of plan.files) {
    expect(rows.find((r) => r.id === f.episodeId)?.filePath).toBe(f.to);
    expect(existsSync(join(server.config.library, f.to))).toBe(true);
    expect(existsSync(join(server.config.library, f.from))).toBe(false);
  }
  expect((await admin.series.get.query({ id: seriesId })).folder).toBe(folder);
  // Nothing left to do: the plan is empty now.
  const again = await admin.series.organizePreview.query({ id: seriesId });
  expect(again.folder).toBeNull();
  expect(again.files).toEqual([]);
  // A new file template renames the files themselves (and their NFO beside them).
  await admin.settings.update.mutate({ namingTemplate: "S{season:00}E{episode:00} - {title}" });
  const flat = await admin.series.organizePreview.query({ id: seriesId });
  expect(flat.files.length).toBe(plan.files.length);
  expect(flat.files.every((f) => /^Blaue bDrachen-b \(2020\)\/S\d\dE\d\d - /.test(f.to))).toBe(true);
  await admin.series.organize.mutate({ id: seriesId });
  for (const f of flat.files) {
    expect(existsSync(join(server.config.library, f.to))).toBe(true);
    expect(existsSync(join(server.config.library, f.to.replace(/\.[a-z0-9]+$/, ".nfo")))).toBe(true);
  }
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import { series } from "../../../db/schema/index.ts";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { expectCountersMatchEpisodes } from "../../helpers/counters.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

let hoster: HosterServer;
let catalogue: CatalogueServer;
let server: TestServer;
let creds: Credentials;
let seriesId: number;
/** Season 7 of the sample: episode 1 offered in German Dub only, episode 2 in German Dub and English Sub. */
const SEASON = 7;

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
  const dubOnly = catalogue.addEpisode(sample.slug, SEASON, { languages: ["de"], hosters: ["Vidoza"] });
  const both = catalogue.addEpisode(sample.slug, SEASON, {
    languages: ["de", "en-sub"],
    hosters: ["Vidoza"],
  });
  new EpisodesRepository(db).storeCatalogEpisodes(
    seriesId,
    [dubOnly, both].map((e) => ({
      season: SEASON,
      number: e.number,
      titleDe: e.titleDe,
      titleEn: e.titleEn,
      languages: e.languages,
    })),
  );
  await httpClient(server.url, creds.apiKeyHeaders).settings.update.mutate({
    missingMode: "preferred",
    languages: ["de"],
  });
});
afterAll(async () => {
  await server.close();
  await Promise.all([catalogue.stop(), hoster.stop()]);
});

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));
const admin = () => httpClient(server.url, creds.apiKeyHeaders);

test("input is validated: non-empty, known codes, each once; unknown series and anonymous callers refused", async () => {
  const api = admin();
  const bad: unknown[] = [
    [],
    ["de", "de"],
    ["xx"],
    ["DE"],
    ["de", "<script>"],
    "de",
    [1],
    ["de", "de-sub", "en-sub", "en", "de"],
  ];
  for (const languages of bad)
    expect(await api.series.setLanguages.mutate({ id: seriesId, languages } as never).catch(codeOf)).toBe(
      "BAD_REQUEST",
    );
  expect(await api.series.setLanguages.mutate({ id: seriesId } as never).catch(codeOf)).toBe("BAD_REQUEST");
  expect(await api.series.setLanguages.mutate({ id: 0, languages: null }).catch(codeOf)).toBe("BAD_REQUEST");
  expect(await api.series.setLanguages.mutate({ id: 99999, languages: ["de"] }).catch(codeOf)).toBe(
    "NOT_FOUND",
  );
  expect(
    await httpClient(server.url)
      .series.setLanguages.mutate({ id: seriesId, languages: ["de"] })
      .catch(codeOf),
  ).toBe("UNAUTHORIZED");
  // Nothing above changed the row.
  expect((await api.series.get.query({ id: seriesId })).languages).toBeNull();
});

test("the order is persisted as given; null resets to the global default", async () => {
  const api = admin();
  const set = await api.series.setLanguages.mutate({ id: seriesId, languages: ["en", "de-sub", "de"] });
  expect(set.languages).toEqual(["en", "de-sub", "de"]);
  expect((await api.series.get.query({ id: seriesId })).languages).toEqual(["en", "de-sub", "de"]);
  const row = server.app.services.db.db.select().from(series).where(eq(series.id, seriesId)).get();
  expect(row?.languages).toEqual(["en", "de-sub", "de"]);
  expect((await api.series.setLanguages.mutate({ id: seriesId, languages: null })).languages).toBeNull();
  expect((await api.series.get.query({ id: seriesId })).languages).toBeNull();
});

test("preferred mode: library.missing, series.get and series.list follow the series' own list", async () => {
  const api = admin();
  const missingNumbers = async () =>
    (await api.library.missing.query({ seriesId })).map((e) => e.number).sort((a, b) => a - b);
  const listed = async () =>
    (await api.series.list.query()).rows.find((s) => s.id === seriesId)?.episodesMissing;
  const sample = catalogue.series[0]!;
  const [first, second] = sample.seasons.get(SEASON)!.map((e) => e.number);

  // Global ["de"]: both episodes are offered in German Dub.
  expect(await missingNumbers()).toEqual([first!, second!]);
  expect(await listed()).toBe(2);

  // English Sub only: the dub-only episode is no longer "missing", here and in the (cached) list.
  await api.series.setLanguages.mutate({ id: seriesId, languages: ["en-sub"] });
  expect(await missingNumbers()).toEqual([second!]);
  expect(await listed()).toBe(1);
  const details = await api.series.get.query({ id: seriesId });
  expect(details.episodesMissing).toBe(1);
  expect(details.episodes.filter((e) => e.missing).map((e) => e.number)).toEqual([second!]);

  // English Dub: nothing is offered in it.
  await api.series.setLanguages.mutate({ id: seriesId, languages: ["en"] });
  expect(await missingNumbers()).toEqual([]);
  expect(await listed()).toBe(0);

  // Back to the global default.
  await api.series.setLanguages.mutate({ id: seriesId, languages: null });
  expect(await missingNumbers()).toEqual([first!, second!]);
  expect(await listed()).toBe(2);
  expectCountersMatchEpisodes(server.app.services.db.db);
});

test("downloads try the series' languages in its order, not the global one", async () => {
  const api = admin();
  const sample = catalogue.series[0]!;
  const both = sample.seasons.get(SEASON)!.find((e) => e.languages.includes("en-sub"))!;
  const episode = (await api.series.get.query({ id: seriesId })).episodes.find(
    (e) => e.season === SEASON && e.number === both.number,
  )!;
  // Global order is German Dub only; the series prefers English Sub, German Dub second.
  await api.series.setLanguages.mutate({ id: seriesId, languages: ["en-sub", "de"] });
  const { queued } = await api.downloads.enqueue.mutate({ episodeIds: [episode.id] });
  expect(queued).toHaveLength(1);
  let item: Awaited<ReturnType<typeof api.downloads.list.query>>[number] | undefined;
  await waitFor(async () => {
    item = (await api.downloads.list.query()).find((i) => i.episodeId === episode.id);
    return item?.state === "completed" || item?.state === "failed";
  }, "the download to finish");
  expect(item).toMatchObject({ state: "completed", language: "en-sub" });
  const file = (await api.series.get.query({ id: seriesId })).episodes.find((e) => e.id === episode.id);
  expect(file?.fileLanguage).toBe("en-sub");
});

test("a series' own settings are domain changes: each lands in the event log with what changed", async () => {
  const api = admin();
  const log = server.app.services.events.log;
  const before = log.lastId();
  await api.series.setLanguages.mutate({ id: seriesId, languages: ["en-sub"] });
  await api.series.setMonitored.mutate({ id: seriesId, monitored: true });
  await api.series.setLanguages.mutate({ id: seriesId, languages: null });
  const changes = log
    .replay(before, ["series.changed"])
    .map((s) => s.event)
    .flatMap((e) => (e.type === "series.changed" ? [[e.seriesId, e.changed]] : []));
  expect(changes).toEqual([
    [seriesId, ["languages"]],
    [seriesId, ["monitored"]],
    [seriesId, ["languages"]],
  ]);
  await api.series.setMonitored.mutate({ id: seriesId, monitored: false });
});

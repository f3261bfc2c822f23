import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
const ids: number[] = [];

beforeAll(async () => {
  server = await startTestServer();
  creds = await signIn(server);
  const db = server.app.services.db.db;
  for (let i = 1; i <= 30; i++) {
    const folder = `Bulk ${String(i).padStart(2, "0")}`;
    ids.push(insertSeriesRow(db, { catalogKey: `aniworld:bulk-${i}`, title: folder, folder }));
    mkdirSync(join(server.config.library, folder), { recursive: true });
  }
  // Two missing episodes for the first three series (German Dub only).
  const episodes = new EpisodesRepository(db);
  for (const id of ids.slice(0, 3))
    episodes.storeCatalogEpisodes(id, [
      { season: 1, number: 1, titleDe: null, titleEn: null, languages: ["de"] },
      { season: 1, number: 2, titleDe: null, titleEn: null, languages: ["de"] },
    ]);
});
afterAll(async () => {
  await server.close();
});

const api = () => httpClient(server.url, creds.apiKeyHeaders);
const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

test("series.list over HTTP: windows, total, counts and filters follow the bulk changes", async () => {
  const first = await api().series.list.query({ limit: 10 });
  expect(first.rows.map((r) => r.title)).toEqual(
    ids.slice(0, 10).map((_, i) => `Bulk ${String(i + 1).padStart(2, "0")}`),
  );
  expect(first.total).toBe(30);
  expect(first.counts).toMatchObject({ all: 30, monitored: 0, unmonitored: 30, missing: 3 });
  const last = await api().series.list.query({ offset: 25, limit: 10 });
  expect(last.rows.map((r) => r.id)).toEqual(ids.slice(25));

  expect(await api().series.setMonitoredMany.mutate({ ids: ids.slice(0, 12), monitored: true })).toEqual({
    updated: 12,
  });
  const monitored = await api().series.list.query({ filter: "monitored", limit: 100 });
  expect(monitored.rows.map((r) => r.id)).toEqual(ids.slice(0, 12));
  expect(monitored.counts).toMatchObject({ monitored: 12, unmonitored: 18 });
  const search = await api().series.list.query({ search: "ulk 2", sort: "added" });
  expect(search.rows.map((r) => r.title)).toEqual([
    "Bulk 29",
    "Bulk 28",
    "Bulk 27",
    "Bulk 26",
    "Bulk 25",
    "Bulk 24",
    "Bulk 23",
    "Bulk 22",
    "Bulk 21",
    "Bulk 20",
  ]);
});

test("an unknown id changes nothing and is named; bad input is refused", async () => {
  const error = await api()
    .series.setMonitoredMany.mutate({ ids: [ids[20]!, 999_999], monitored: true })
    .catch((e: unknown) => e);
  expect(codeOf(error)).toBe("NOT_FOUND");
  expect(String(error)).toContain("999999");
  expect((await api().series.get.query({ id: ids[20]! })).monitored).toBe(false);
  for (const bad of [
    { ids: [], monitored: true },
    { ids: [ids[0]!, ids[0]!], monitored: true },
  ])
    expect(
      codeOf(
        await api()
          .series.setMonitoredMany.mutate(bad)
          .catch((e: unknown) => e),
      ),
    ).toBe("BAD_REQUEST");
  expect(
    codeOf(
      await api()
        .series.list.query({ limit: 100_000 })
        .catch((e: unknown) => e),
    ),
  ).toBe("BAD_REQUEST");
});

test("languages for many series at once change their preferred missing count", async () => {
  await api().settings.update.mutate({ missingMode: "preferred", languages: ["de"] });
  const missing = async () => (await api().series.list.query({ filter: "missing" })).total;
  expect(await missing()).toBe(3);
  await api().series.setLanguagesMany.mutate({ ids: ids.slice(0, 2), languages: ["en-sub"] });
  expect(await missing()).toBe(1);
  expect((await api().series.get.query({ id: ids[0]! })).languages).toEqual(["en-sub"]);
  await api().series.setLanguagesMany.mutate({ ids: ids.slice(0, 2), languages: null });
  expect(await missing()).toBe(3);
});

test("download missing for several series queues their missing episodes", async () => {
  const result = await api().downloads.enqueue.mutate({ seriesIds: ids.slice(0, 3) });
  expect(result.queued).toHaveLength(6);
  expect(
    codeOf(
      await api()
        .downloads.enqueue.mutate({ seriesIds: [999_998] })
        .catch((e: unknown) => e),
    ),
  ).toBe("NOT_FOUND");
});

test("removeMany removes every listed series and, if asked, their folders", async () => {
  const gone = ids.slice(25);
  const result = await api().series.removeMany.mutate({ ids: gone, deleteFiles: true });
  expect(result.removed).toEqual(gone);
  const list = await api().series.list.query({ limit: 500 });
  expect(list.total).toBe(25);
  expect(list.rows.some((r) => gone.includes(r.id))).toBe(false);
  for (let i = 26; i <= 30; i++) expect(existsSync(join(server.config.library, `Bulk ${i}`))).toBe(false);
  expect(existsSync(join(server.config.library, "Bulk 25"))).toBe(true);
});

import { afterAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasLanguageBox, hasPngCover, usesTokenLinks } from "../../../scripts/stand-ins/catalogue-pages.ts";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import { addLoadedSeries } from "../../helpers/loaded-series.ts";
import { recordingHttp } from "../../helpers/stand-ins.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { startTestServer } from "../../helpers/test-server.ts";

const catalogue = startCatalogueServer({ count: 13, markup: "real", hosterBaseUrl: "http://hoster.invalid" });
const copies = tempDir();
const provider = createCatalogProvider({
  baseUrl: catalogue.url,
  http: recordingHttp().http,
  pageCopyDir: copies.path,
});
afterAll(async () => {
  await catalogue.stop();
  copies.cleanup();
});

const firstRegular = (s: (typeof catalogue.series)[number]) =>
  [...s.seasons.entries()].find(([n, list]) => n > 0 && list.length > 0);

test("lazy flags (data: placeholder in src, the flag in data-src) give the right languages on season and episode pages", async () => {
  const withBox = catalogue.series.find((s) => hasLanguageBox(s, "real") && s.index % 2 === 1);
  if (!withBox) throw new Error("no sample series with a language box");
  const [season, list] = firstRegular(withBox) ?? [];
  if (season === undefined || !list) throw new Error("no season");
  const episodes = await provider.getEpisodes(withBox.slug, season);
  for (const e of list)
    expect(episodes.find((x) => x.number === e.number)?.languages.sort()).toEqual([...e.languages].sort());
  const e = list[0];
  if (!e) throw new Error("no episode");
  const links = await provider.getStreams(withBox.slug, season, e.number);
  // An odd series swaps keys 2 and 3: only the page's own (lazy) language box gets that right.
  expect([...new Set(links.map((l) => l.language))].sort()).toEqual([...e.languages].sort());
});

test("a page without a language box falls back to keys 1 = German Dub, 2 = English Sub, 3 = German Sub", async () => {
  const noBox = catalogue.series.find((s) => !hasLanguageBox(s, "real"));
  if (!noBox) throw new Error("no sample series without a language box");
  const [season, list] = firstRegular(noBox) ?? [];
  const e = list?.[0];
  if (season === undefined || !e) throw new Error("no episode");
  const links = await provider.getStreams(noBox.slug, season, e.number);
  expect(links.length).toBeGreaterThan(0);
  expect([...new Set(links.map((l) => l.language))].sort()).toEqual([...e.languages].sort());
});

test("/r?t=<token> links are accepted and resolve to the hoster", async () => {
  const tokens = catalogue.series.find((s) => usesTokenLinks(s, "real"));
  if (!tokens) throw new Error("no sample series with token links");
  const [season, list] = firstRegular(tokens) ?? [];
  const e = list?.[0];
  if (season === undefined || !e) throw new Error("no episode");
  const links = await provider.getStreams(tokens.slug, season, e.number);
  expect(links[0]?.redirectPath).toMatch(/^\/r\?t=/);
  const target = await provider.resolveRedirect(links[0]?.redirectPath ?? "");
  expect(target).toStartWith("http://hoster.invalid/");
});

test("a changed layout says so and keeps a copy of the page in the data dir", async () => {
  catalogue.inject("/anime/stream/", { kind: "garbage" }, 1);
  const err = await provider.getSeries(catalogue.series[1]?.slug ?? "").catch((e: unknown) => e);
  expect((err as Error).message).toContain("the page layout changed");
  const copy = /a copy of the page is in (\S+\.html)/.exec((err as Error).message)?.[1];
  expect(copy && existsSync(copy)).toBe(true);
  expect(copy?.startsWith(copies.path)).toBe(true);
});

test("a PNG cover is kept as poster.png; the series loads completely", async () => {
  const png = catalogue.series.find((s) => hasPngCover(s, "real"));
  if (!png) throw new Error("no sample series with a PNG cover");
  const server = await startTestServer({ ANIWORLD_CATALOG_URL: catalogue.url });
  try {
    const { creds, row } = await addLoadedSeries(server, `aniworld:${png.slug}`);
    const dir = join(server.config.library, row.folder);
    expect(existsSync(join(dir, "poster.png"))).toBe(true);
    expect(existsSync(join(dir, "poster.jpg"))).toBe(false);
    const served = await fetch(`${server.url}/artwork/series/${row.id}/poster.jpg`, {
      headers: creds.cookieHeaders,
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
  } finally {
    await server.close();
  }
}, 30_000);

import { afterAll, expect, test } from "bun:test";
import { statSync } from "node:fs";
import { join } from "node:path";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import { createHttpClient } from "../../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../../server/providers/http/rate-limiter.ts";
import { BrowserIdentity } from "../../../server/providers/net/browser-identity.ts";
import { CookieJar } from "../../../server/providers/net/cookie-jar.ts";
import { NO_NETWORK_CONFIG, Outbound } from "../../../server/providers/net/outbound.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

test("one consistent identity: client hints match the User-Agent; Sec-Fetch-* follow the kind and the Referer", () => {
  const id = new BrowserIdentity();
  const page = new URL("https://aniworld.to/anime/stream/x");
  const first = id.headers("document", page);
  const major = /Chrome\/(\d+)/.exec(first["User-Agent"] ?? "")?.[1];
  expect(major).toBeDefined();
  expect(first["sec-ch-ua"]).toContain(`"Google Chrome";v="${major}"`);
  expect(first["sec-ch-ua-platform"]).toBe('"Windows"');
  expect(first).toMatchObject({
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Site": "none",
  });
  expect(first.Referer).toBeUndefined();
  const xhr = id.headers("xhr", new URL("https://aniworld.to/ajax/seriesSearch"), "https://aniworld.to/");
  expect(xhr).toMatchObject({
    "Sec-Fetch-Mode": "cors",
    "Sec-Fetch-Site": "same-origin",
    Referer: "https://aniworld.to/",
  });
  expect(
    id.headers("media", new URL("https://cdn.example.net/x.m3u8"), "https://voe.sx/e/1")["Sec-Fetch-Site"],
  ).toBe("cross-site");
  // FlareSolverr's browser identity replaces ours, hints included.
  id.adopt(
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36",
  );
  const adopted = id.headers("document", page);
  expect(adopted["sec-ch-ua"]).toContain('v="150"');
  expect(adopted["sec-ch-ua-platform"]).toBe('"Linux"');
});

test("the cookie jar keeps cookies per host across restarts (0600 file), honours expiry, and sends them back", async () => {
  const file = join(tmp.path, "data", "cookies.json");
  const jar = new CookieJar(file);
  const headers = new Headers();
  headers.append("set-cookie", "__ddg2_=clear123; Path=/; Max-Age=3600; HttpOnly");
  headers.append("set-cookie", "old=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  headers.append("set-cookie", "session=abc; Path=/");
  jar.store(new URL("https://aniworld.to/"), headers);
  jar.flush();
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const again = new CookieJar(file);
  expect(again.header(new URL("https://aniworld.to/anime"))).toBe("__ddg2_=clear123; session=abc");
  expect(again.header(new URL("https://voe.sx/"))).toBeNull();
});

test("the catalogue is asked along a natural Referer chain (series ← site, season ← series, episode ← season)", async () => {
  const catalogue = startCatalogueServer({ count: 2 });
  const seen: { path: string; referer: string | null; site: string | null }[] = [];
  const spy = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const u = new URL(req.url);
      seen.push({
        path: u.pathname,
        referer: req.headers.get("referer"),
        site: req.headers.get("sec-fetch-site"),
      });
      const upstream = await fetch(`${catalogue.url}${u.pathname}${u.search}`, { headers: req.headers });
      return new Response(await upstream.arrayBuffer(), {
        status: upstream.status,
        headers: upstream.headers,
      });
    },
  });
  try {
    const base = spy.url.toString().replace(/\/$/, "");
    const http = createHttpClient({
      limiter: new TokenBucketLimiter(),
      net: new Outbound({ ...NO_NETWORK_CONFIG, trustedOrigins: [base] }),
    });
    const provider = createCatalogProvider({ baseUrl: base, http });
    const s = catalogue.series[0];
    const [season, list] = [...(s?.seasons.entries() ?? [])].find(([n, l]) => n > 0 && l.length) ?? [];
    const e = list?.[0];
    if (!s || season === undefined || !e) throw new Error("no sample episode");
    await provider.getSeries(s.slug);
    await provider.getEpisodes(s.slug, season);
    await provider.getStreams(s.slug, season, e.number);
    expect(seen.map((r) => r.referer)).toEqual([
      `${base}/`,
      `${base}/anime/stream/${s.slug}`,
      `${base}/anime/stream/${s.slug}/staffel-${season}`,
    ]);
    expect(seen.every((r) => r.site === "same-origin")).toBe(true);
  } finally {
    await spy.stop(true);
    await catalogue.stop();
  }
});

test("a blocked answer backs the host off: the next token waits, growing while the block lasts", async () => {
  let now = 0;
  const slept: number[] = [];
  const limiter = new TokenBucketLimiter(
    { "a.example": 1 },
    async (ms) => {
      slept.push(ms);
      now += ms;
    },
    () => now,
  );
  limiter.penalize("a.example", 2_000);
  await limiter.acquire("a.example");
  expect(now).toBeGreaterThanOrEqual(2_000);

  const blocker = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () =>
      new Response("<title>DDoS-Guard</title>", { status: 403, headers: { Server: "ddos-guard" } }),
  });
  const penalties: number[] = [];
  try {
    const http = createHttpClient({
      limiter: { acquire: async () => {}, penalize: (_host, ms) => void penalties.push(ms) },
      net: new Outbound({ ...NO_NETWORK_CONFIG, allowPrivateHosts: true }),
    });
    for (let i = 0; i < 3; i++) {
      const err = await http.request({ provider: "aniworld", url: blocker.url }).catch((e: unknown) => e);
      expect((err as { code?: string }).code).toBe("blocked");
    }
    expect(penalties).toEqual([2_000, 4_000, 8_000]);
  } finally {
    await blocker.stop(true);
  }
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { episodes, series as seriesTable } from "../../../db/schema/index.ts";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import {
  type FlareSolverrServer,
  startFlareSolverrServer,
} from "../../../scripts/stand-ins/flaresolverr-server.ts";
import { mediaSha256 } from "../../../scripts/stand-ins/hoster-media.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import { createHttpClient } from "../../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../../server/providers/http/rate-limiter.ts";
import { NO_NETWORK_CONFIG, Outbound } from "../../../server/providers/net/outbound.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

let hoster: HosterServer;
let catalogue: CatalogueServer;
let solver: FlareSolverrServer;
let server: TestServer;
let creds: Credentials;

beforeAll(async () => {
  hoster = await startHosterServer();
  catalogue = startCatalogueServer({ count: 3, hosterBaseUrl: hoster.url, challenge: true });
  solver = startFlareSolverrServer(catalogue.gate);
  server = await startTestServer({
    ANIWORLD_CATALOG_URL: catalogue.url,
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
    // The connection check tries the hoster stand-in, never the real hoster domains.
    ANIWORLD_HOSTER_URLS: hoster.url,
    ANIWORLD_TMDB_URL: `${hoster.url}/tmdb-absent`,
  });
  creds = await signIn(server);
});
afterAll(async () => {
  await server.close();
  await Promise.all([hoster.stop(), catalogue.stop(), solver.stop()]);
});

test("a blocked catalogue: search fails with the advice; with FlareSolverr set, search, add and download succeed", async () => {
  const api = httpClient(server.url, creds.cookieHeaders);
  await api.settings.update.mutate({ catalogRatePerSecond: 1000 });
  const sample = catalogue.series[0]!;

  const blocked = await api.catalog.search.query({ query: sample.titleDe }).catch((e: unknown) => e);
  expect(blocked).toBeInstanceOf(Error);
  expect((blocked as Error).message).toContain(
    "is blocking this server: set a FlareSolverr URL in Settings → Connections",
  );
  expect((blocked as Error).message).toContain("DDoS-Guard");
  expect(catalogue.gate.blocked).toBeGreaterThan(0);
  // System → Health says the same, with the same advice.
  const checks = await api.system.connections.query();
  const cat = checks.find((c) => c.id === "catalogue");
  expect(cat?.status).toBe("fail");
  expect(cat?.advice).toContain("set a FlareSolverr URL in Settings → Connections");
  expect(checks.find((c) => c.id === `hoster:${new URL(hoster.url).host}`)?.status).toBe("ok");

  // Adding while blocked: the series appears at once, its loading fails with the same advice.
  const early = catalogue.series[1];
  if (!early) throw new Error("no second sample series");
  const earlyRow = await api.series.add.mutate({ catalogKey: `aniworld:${early.slug}` });
  const loading = () =>
    server.app.services.db.db
      .select({ s: seriesTable.loadingStatus, e: seriesTable.loadingError })
      .from(seriesTable)
      .where(eq(seriesTable.id, earlyRow.id))
      .get();
  await waitFor(() => loading()?.s === "failed", "the blocked series load to fail", 20_000);
  expect(loading()?.e).toContain("set a FlareSolverr URL in Settings → Connections");

  await api.settings.update.mutate({ flaresolverrUrl: solver.url });
  const after = await api.system.connections.query();
  expect(after.find((c) => c.id === "flaresolverr")?.detail).toContain("3.4.0-standin");
  const found = await api.catalog.search.query({ query: sample.titleDe });
  expect(found.map((f) => f.slug)).toContain(sample.slug);
  expect(solver.solves).toBeGreaterThanOrEqual(1);
  // The clearance and the solver's User-Agent are reused: the next search goes straight through.
  const solvesBefore = solver.solves;
  await api.catalog.search.query({ query: sample.titleDe });
  expect(solver.solves).toBe(solvesBefore);

  const added = catalogue.addEpisode(sample.slug, 9, { languages: ["de"], hosters: ["Vidoza"] });
  const row = await api.series.add.mutate({ catalogKey: `aniworld:${sample.slug}` });
  const db = server.app.services.db.db;
  const episodeId = () =>
    db
      .select({ id: episodes.id })
      .from(episodes)
      .where(and(eq(episodes.seriesId, row.id), eq(episodes.season, 9), eq(episodes.number, added.number)))
      .get()?.id ?? null;
  await waitFor(
    () => episodeId() !== null,
    "the loader (in its worker) to get through and add the episode",
    20_000,
  );
  const status = db
    .select({ s: seriesTable.loadingStatus })
    .from(seriesTable)
    .where(eq(seriesTable.id, row.id))
    .get();
  expect(status?.s).not.toBe("failed");

  const id = episodeId();
  if (id === null) throw new Error("no episode");
  const { queued } = await api.downloads.enqueue.mutate({ episodeIds: [id] });
  await waitFor(
    async () => {
      const list = await api.downloads.list.query();
      return list.some((i) => i.id === queued[0] && (i.state === "completed" || i.state === "failed"));
    },
    "the download to finish",
    20_000,
  );
  const item = (await api.downloads.list.query()).find((i) => i.id === queued[0]);
  expect(item?.state).toBe("completed");
  const file = db
    .select({ path: episodes.filePath, size: episodes.fileSize })
    .from(episodes)
    .where(eq(episodes.id, id))
    .get();
  const code = `${sample.slug}-s9e${added.number}-de`;
  expect(file?.size).toBe(hoster.behaviour.mediaSize(code));
  const bytes = await Bun.file(`${server.config.library}/${file?.path}`).bytes();
  // System → Providers: the hoster that delivered, with its last result.
  const providers = await api.system.providers.query();
  expect(providers.find((p) => p.hoster === "Vidoza")).toMatchObject({ lastOk: true, successes: 1 });
  expect(new Bun.CryptoHasher("sha256").update(bytes).digest("hex")).toBe(mediaSha256(code, bytes.length));
}, 60_000);

test("a Turnstile page on /redirect/<id>: the download attempt says what to do; FlareSolverr gets the link through", async () => {
  const redirects = startCatalogueServer({ count: 2, hosterBaseUrl: hoster.url, challenge: "redirects" });
  const turnstileSolver = startFlareSolverrServer(redirects.gate);
  try {
    const net = new Outbound({ ...NO_NETWORK_CONFIG, trustedOrigins: [redirects.url] });
    const provider = createCatalogProvider({
      baseUrl: redirects.url,
      http: createHttpClient({ limiter: new TokenBucketLimiter(), net }),
    });
    const s = redirects.series[0];
    const [season, list] = [...(s?.seasons.entries() ?? [])].find(([n, l]) => n > 0 && l.length) ?? [];
    const e = list?.[0];
    if (!s || season === undefined || !e) throw new Error("no sample episode");
    const links = await provider.getStreams(s.slug, season, e.number);
    const link = links[0];
    if (!link) throw new Error("no link");
    const blocked = await provider.resolveRedirect(link.redirectPath).catch((err: unknown) => err);
    expect((blocked as Error).message).toContain("set a FlareSolverr URL in Settings → Connections");
    expect((blocked as Error).message).toContain("Turnstile");
    net.configure({ ...net.settings, flaresolverrUrl: turnstileSolver.url });
    expect(await provider.resolveRedirect(link.redirectPath)).toStartWith(`${hoster.url}/`);
    // When the clearance only works in the solver's own browser, the solver's page (and where its
    // browser was redirected) is used instead.
    redirects.gate.fingerprint = true;
    const other = links[1] ?? link;
    expect(await provider.resolveRedirect(other.redirectPath)).toStartWith(`${hoster.url}/`);
  } finally {
    await Promise.all([redirects.stop(), turnstileSolver.stop()]);
  }
});

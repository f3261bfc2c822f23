import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { callApi } from "./harness/api.ts";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { setUp } from "./harness/session.ts";
import { startStandIns } from "./harness/stand-ins.ts";

/**
 * The built executable behind a reverse proxy that does not pass WebSocket upgrades (it forwards the
 * handshake as a plain request, as a proxy configured without them does), in Chromium: the app works over
 * HTTP, says it has no live updates, and the download list still moves.
 */
let dirs: TempDirs;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let app: AppProcess;
let proxy: ReturnType<typeof Bun.serve>;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  standIns = await startStandIns();
  proxy = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const headers = new Headers(req.headers);
      // Hop-by-hop headers stay here: the app sees an ordinary GET where the browser asked to upgrade.
      headers.delete("upgrade");
      headers.delete("connection");
      headers.set("x-forwarded-host", url.host);
      headers.set("x-forwarded-proto", "http");
      headers.set("accept-encoding", "identity");
      const answer = await fetch(`${app.url}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body: req.body,
        redirect: "manual",
      });
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
  });
  app = await startApp(dirs, { ...standIns.env, ANIWORLD_TRUST_PROXY: "1" });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000);
  watched = watchPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.stop(true);
  await app?.stop();
  await standIns?.stop();
  dirs?.cleanup();
});

describe("behind a proxy without WebSocket upgrades", () => {
  test("the badge says there are no live updates; the download list, a loading series and the library refresh over HTTP", async () => {
    const viaProxy = { ...app, url: `http://127.0.0.1:${proxy.port}` };
    await setUp(page, viaProxy);

    // Two downloads of a loaded series: one running slowly, one waiting behind it.
    const series = standIns.catalogue.series[0];
    if (!series) throw new Error("the catalogue stand-in has no series");
    // The catalogue slowed to one request every 2 s: the page is read while the episode list still loads,
    // and shows the episodes only by reading the series again (no loading events reach it).
    await callApi(page, "mutation", "settings.update", { downloadConcurrency: 1, catalogRatePerSecond: 0.5 });
    standIns.hoster.behaviour.throttleScope = "video";
    standIns.hoster.behaviour.throttleBytesPerSecond = 8 * 1024;
    const added = await callApi<{ id: number }>(page, "mutation", "series.add", {
      catalogKey: `aniworld:${series.slug}`,
    });
    await page.goto(`${viaProxy.url}/series/${added.id}`);
    await page.getByTestId("series-title").waitFor();
    expect(await page.locator("[data-testid=episode]").count()).toBe(0);
    await page.locator("[data-testid=episode][data-episode='1x2']").waitFor();

    // The library page, opened while another series loads, shows its episodes once it reads them again.
    const other = standIns.catalogue.series[1];
    if (!other) throw new Error("the catalogue stand-in has fewer than two series");
    const otherAdded = await callApi<{ id: number }>(page, "mutation", "series.add", {
      catalogKey: `aniworld:${other.slug}`,
    });
    await page.goto(`${viaProxy.url}/`);
    const card = page.locator(`[data-testid=series-card][data-series-id='${otherAdded.id}']`);
    expect(await card.getByTestId("missing").textContent()).toBe("0 missing");
    await card
      .getByTestId("missing")
      .filter({ hasNotText: /^0 missing$/ })
      .waitFor({ timeout: 40_000 });
    await callApi(page, "mutation", "settings.update", { catalogRatePerSecond: 100 });
    const details = await callApi<{ episodes: { id: number; season: number; number: number }[] }>(
      page,
      "query",
      "series.get",
      { id: added.id },
    );
    const wanted = details.episodes.filter((e) => e.season === 1 && e.number <= 2).map((e) => e.id);
    const { queued } = await callApi<{ queued: number[] }>(page, "mutation", "downloads.enqueue", {
      episodeIds: wanted,
    });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    const second = queued[1];
    if (second === undefined) throw new Error("two episodes were to be queued");
    await page.locator(`[data-testid=queue-row][data-id='${second}'][data-state=queued]`).waitFor();
    // A change the page can only learn by reading the list again.
    await callApi(page, "mutation", "downloads.pause", { id: second });
    await page.locator(`[data-testid=queue-row][data-id='${second}'][data-state=paused]`).waitFor();
    // The server answers: the badge says only the live updates are missing, nothing is marked stale and no
    // banner says the server cannot be reached.
    await page.getByTestId("connection").getByText("No live updates — refreshing").waitFor();
    expect(await page.getByTestId("offline-banner").count()).toBe(0);
    expect(await page.getByTestId("stale").count()).toBe(0);
    await screenshot(page, "no-websocket-activity");
    standIns.hoster.behaviour.throttleBytesPerSecond = 0;
    expect(watched.errors).toEqual([]);
  });
});

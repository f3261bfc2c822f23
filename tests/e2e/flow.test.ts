import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { ADMIN, logIn, setUp } from "./harness/session.ts";
import { E2E_TMDB_KEY, startStandIns } from "./harness/stand-ins.ts";

/**
 * The whole product in a real browser against the built executable and the loopback stand-ins:
 * setup with the printed token → sign in → search → add → the four loading steps complete live →
 * queue a missing episode → it finishes → sign out. One browser page throughout, so later steps
 * see what earlier ones left behind.
 */
let dirs: TempDirs;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let app: AppProcess;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  standIns = await startStandIns();
  app = await startApp(dirs, standIns.env);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 850 } });
  page.setDefaultTimeout(20_000);
  watched = watchPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await standIns?.stop();
  dirs?.cleanup();
});

const target = () => {
  const s = standIns.catalogue.series[1];
  if (!s) throw new Error("the sample catalogue is empty");
  return s;
};

describe("end-to-end flow in Chromium", () => {
  test("setup with the printed token, then sign out and sign in again", async () => {
    await setUp(page, app);
    await screenshot(page, "flow-01-after-setup");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await logIn(page, app);
    expect(await page.getByTestId("username").textContent()).toBe(ADMIN.username);
  });

  test("the TMDB key is set on the settings page and only reported as set", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("API key (v3 key or v4 read token)").fill(E2E_TMDB_KEY);
    await page.getByRole("button", { name: "Save key" }).click();
    await page.getByTestId("tmdb-state").getByText("A TMDB API key is set.").waitFor();
    expect(await page.content()).not.toContain(E2E_TMDB_KEY);
  });

  test("search the catalogue and add a series: it is in the library at once", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search & Add" }).click();
    await page.getByLabel("Search the catalogue").fill(target().titleDe);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const result = page.getByTestId("search-result").filter({ hasText: target().titleDe }).first();
    await result.waitFor();
    await screenshot(page, "flow-02-search");
    // Two rate-limit answers (Retry-After: 1 s) on TMDB's images keep the last step visibly busy for a
    // moment, so the page can be seen changing while it is open.
    standIns.tmdb.inject("/t/p/", { kind: "status", status: 429, retryAfter: "1" }, 2);
    await result.getByRole("button", { name: /^Add / }).click();
    await result.getByTestId("in-library").waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
    await page.getByTestId("series-card").filter({ hasText: target().titleDe }).waitFor();
    await screenshot(page, "flow-03-library-loading");
  });

  test("the four loading steps complete live on the series page", async () => {
    await page.getByTestId("series-card").filter({ hasText: target().titleDe }).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: target().titleDe }).waitFor();
    // Records every state each step shows, straight from the DOM, while the page stays put.
    await page.evaluate(() => {
      const seen: Record<string, string[]> = {};
      const record = () => {
        for (const li of document.querySelectorAll<HTMLElement>("[data-testid=loading-steps] [data-step]")) {
          const step = li.dataset.step ?? "";
          const list = seen[step] ?? [];
          seen[step] = list;
          if (list.at(-1) !== li.dataset.state) list.push(li.dataset.state ?? "");
        }
      };
      record();
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        attributes: true,
        childList: true,
      });
      Object.assign(window, { __steps: seen });
    });
    for (const step of ["episodes", "nfo", "logo", "images"])
      await page.locator(`[data-testid=loading-steps] [data-step=${step}][data-state=done]`).waitFor();
    await page.getByTestId("loading-state").getByText("All four steps loaded.").waitFor();
    const seen = await page.evaluate(
      () => (window as unknown as { __steps: Record<string, string[]> }).__steps,
    );
    console.log(`loading steps seen live: ${JSON.stringify(seen)}`);
    for (const step of ["episodes", "nfo", "logo", "images"]) expect(seen[step]?.at(-1)).toBe("done");
    await page.getByTestId("toast").filter({ hasText: "Loaded" }).first().waitFor();
    await page.getByTestId("episode").first().waitFor();
    await screenshot(page, "flow-04-series-loaded");
  });

  test("sign out leaves the app and protects its pages", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.goto(`${app.url}/settings`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});

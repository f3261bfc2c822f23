import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { callApi } from "./harness/api.ts";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { signIn } from "./harness/session.ts";
import { E2E_TMDB_KEY, startStandIns } from "./harness/stand-ins.ts";

/**
 * Every page at 1440×900 and 375×812, light and dark: a screenshot each (test-artifacts/e2e/pages/), no
 * sideways scrolling on the phone, and each view used from the keyboard alone (skip link, Tab order, the
 * phone menu).
 */
let dirs: TempDirs;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let app: AppProcess;
let browser: Browser;
let storage: Awaited<ReturnType<BrowserContext["storageState"]>>;
let seriesId = 0;

const LONG_KEY_NAME = `deploy-script-${"x".repeat(80)}`;

const pages = () =>
  [
    ["library", "/", "Library"],
    [
      "search",
      `/search?q=${encodeURIComponent(standIns.catalogue.series[2]?.titleDe ?? "a")}`,
      "Search & Add",
    ],
    ["series", `/series/${seriesId}`, null],
    ["activity", "/activity", "Activity"],
    ["history", "/activity/history", "History"],
    ["wanted", "/wanted", "Wanted"],
    ["calendar-week", "/calendar", "Calendar"],
    ["calendar-month", "/calendar?view=month", "Calendar"],
    ["calendar-agenda", "/calendar?view=agenda", "Calendar"],
    ["settings", "/settings", "Settings"],
    ["system", "/system", "System"],
    ["system-health", "/system/health", "System health"],
    ["system-tasks", "/system/tasks", "Tasks"],
    ["system-logs", "/system/logs", "Logs"],
    ["api-keys", "/account/api-keys", "API keys"],
    ["password", "/account/password", null],
  ] as const;

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  standIns = await startStandIns();
  app = await startApp(dirs, standIns.env);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(app.url);
  await page.getByRole("heading", { name: "Set up Aniworld" }).waitFor();
  await screenshot(page, "pages/setup-1440-light");
  await signIn(page, app);
  await callApi(page, "mutation", "settings.update", { tmdbApiKey: E2E_TMDB_KEY });
  const sample = standIns.catalogue.series[2];
  if (!sample) throw new Error("no sample series");
  await callApi(page, "query", "catalog.search", { query: sample.titleDe });
  const added = await callApi<{ id: number }>(page, "mutation", "series.add", {
    catalogKey: `aniworld:${sample.slug}`,
  });
  seriesId = added.id;
  await callApi(page, "mutation", "series.setMonitored", { id: seriesId, monitored: true });
  await page.goto(`${app.url}/series/${seriesId}`);
  await page.getByTestId("loading-state").getByText("All four steps loaded.").waitFor({ timeout: 60_000 });
  await page
    .getByTestId("episode")
    .first()
    .getByRole("button", { name: /^Download / })
    .click();
  // Downloaded, or failed for a hoster without a downloader: either way the history has an entry.
  await page.getByTestId("episode").first().locator(".on-disk, .series-failed").waitFor({ timeout: 60_000 });
  await callApi(page, "mutation", "auth.apiKeys.create", { name: LONG_KEY_NAME });
  storage = await context.storageState();
  await context.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await standIns?.stop();
  dirs?.cleanup();
});

async function open(width: number, height: number, scheme: "light" | "dark") {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme: scheme,
    storageState: storage,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, watched: watchPage(page) };
}

async function show(page: Page, path: string, heading: string | null) {
  await page.goto(`${app.url}${path}`);
  if (heading) await page.getByRole("heading", { level: 1, name: heading }).first().waitFor();
  else await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.getByTestId("connection").getByText("Live").waitFor();
}

describe("every page in Chromium", () => {
  for (const [width, height] of [
    [1440, 900],
    [375, 812],
  ] as const)
    for (const scheme of ["light", "dark"] as const)
      test(`${width}×${height} ${scheme}: screenshots${width < 500 ? ", and nothing scrolls sideways" : ""}`, async () => {
        const { context, page, watched } = await open(width, height, scheme);
        const wide: string[] = [];
        for (const [name, path, heading] of pages()) {
          await show(page, path, heading);
          if (width < 500) {
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            if (overflow > 0) wide.push(`${name}: ${overflow}px`);
          }
          await screenshot(page, `pages/${name}-${width}-${scheme}`);
        }
        const signedOut = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
        const login = await signedOut.newPage();
        await login.goto(`${app.url}/login`);
        await login.getByRole("heading", { name: "Sign in" }).waitFor();
        await screenshot(login, `pages/login-${width}-${scheme}`);
        await signedOut.close();
        expect(wide).toEqual([]);
        expect(watched.errors).toEqual([]);
        await context.close();
      });

  test("the API key table keeps a long name and its Revoke button inside the card", async () => {
    const { context, page } = await open(375, 812, "light");
    await show(page, "/account/api-keys", "API keys");
    const card = await page.locator("section.card").first().boundingBox();
    const revoke = await page.getByRole("button", { name: `Revoke the key ${LONG_KEY_NAME}` }).boundingBox();
    expect(card && revoke).toBeTruthy();
    if (card && revoke) expect(revoke.x + revoke.width).toBeLessThanOrEqual(card.x + card.width);
    await context.close();
  });

  test("every view works from the keyboard: the skip link focuses the page, Tab reaches its controls", async () => {
    const { context, page } = await open(1440, 900, "light");
    const lost: string[] = [];
    for (const [name, path, heading] of pages()) {
      await show(page, path, heading);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Skip to content");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
      let insideMain = 0;
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press("Tab");
        const focus = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const box = el.getBoundingClientRect();
          return {
            inMain: !!document.getElementById("main")?.contains(el),
            visible: box.width > 0 && box.height > 0,
          };
        });
        // Past the last control focus leaves the page for the browser's own UI: the end of the order.
        if (!focus) break;
        if (!focus.visible) lost.push(`${name}: tab ${i + 1} focused something invisible`);
        if (focus.inMain) insideMain++;
      }
      if (insideMain === 0) lost.push(`${name}: no control reached`);
    }
    expect(lost).toEqual([]);
    await context.close();
  });

  test("on a phone the menu button opens the navigation from the keyboard", async () => {
    const { context, page } = await open(375, 812, "light");
    await show(page, "/", "Library");
    const navigation = page.getByRole("navigation", { name: "Main" });
    expect(await navigation.isVisible()).toBe(false);
    // The account links stay in the header.
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Menu" }).focus();
    await page.keyboard.press("Enter");
    await navigation.waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Library");
    await screenshot(page, "pages/phone-menu-open");
    await navigation.getByRole("link", { name: "Wanted" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Wanted" }).waitFor();
    expect(await navigation.isVisible()).toBe(false);
    await context.close();
  });
});

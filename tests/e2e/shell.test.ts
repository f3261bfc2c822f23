import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { signIn } from "./harness/session.ts";

let dirs: TempDirs;
let app: AppProcess;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  app = await startApp(dirs);
  browser = await launchBrowser();
  page = await browser.newPage();
  watched = watchPage(page);
  await signIn(page, app);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  dirs?.cleanup();
});

describe("app shell in Chromium (built executable)", () => {
  test("navigation reaches every page and the connection indicator goes live", async () => {
    await page.getByTestId("connection").getByText("Live").waitFor();
    for (const [label, heading] of [
      ["Settings", "Settings"],
      ["System", "System"],
    ] as const) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    }
    await page.getByTestId("health-status").getByText("ok").waitFor();
    // The WebSocket subscription delivers heartbeats to the page, one after another.
    await page
      .getByTestId("tick")
      .getByText(/heartbeat #[1-9]/)
      .waitFor({ timeout: 10_000 });
    await screenshot(page, "system-page");
    await page.getByRole("navigation", { name: "System" }).getByRole("link", { name: "Logs" }).click();
    await page.getByTestId("log-lines").waitFor();
    expect(watched.errors).toEqual([]);
  });

  test("settings: the library path is shown and a change is saved to the server", async () => {
    await page.goto(`${app.url}/settings`);
    await page.getByTestId("library-path").getByText(app.library).waitFor();
    const field = page.getByLabel("Downloads at the same time");
    await field.fill("3");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByTestId("toast").getByText("Settings saved.").waitFor();
    await page.reload();
    await page.getByLabel("Downloads at the same time").waitFor();
    expect(await page.getByLabel("Downloads at the same time").inputValue()).toBe("3");
    await screenshot(page, "settings-page");
  });

  test("the theme toggle switches to dark and survives a reload", async () => {
    await page.goto(`${app.url}/system`);
    await page.getByTestId("theme-toggle").waitFor();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? "system");
    while ((await theme()) !== "dark") await page.getByTestId("theme-toggle").click();
    await page.reload();
    await page.getByTestId("theme-toggle").waitFor();
    expect(await theme()).toBe("dark");
    await screenshot(page, "system-page-dark");
  });

  test("on a phone-sized screen the page does not scroll sideways", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${app.url}/settings`);
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "settings-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

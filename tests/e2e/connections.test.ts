import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { type Receiver, startReceiver } from "../../scripts/stand-ins/receivers.ts";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { signIn } from "./harness/session.ts";

let dirs: TempDirs;
let app: AppProcess;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let gotify: Receiver;

beforeAll(async () => {
  await ensureBuilt();
  gotify = startReceiver("gotify");
  dirs = tempDirs();
  app = await startApp(dirs);
  browser = await launchBrowser();
  page = await browser.newPage();
  watched = watchPage(page);
  await signIn(page, app);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await gotify?.stop();
  dirs?.cleanup();
});

describe("Settings → Media servers & notifications in Chromium (built executable)", () => {
  test("add a Gotify connection, test it, see the result; the token never comes back to the page", async () => {
    await page.goto(`${app.url}/settings`);
    await page.getByRole("link", { name: /Jellyfin, Emby, Plex, Kodi/ }).click();
    await page.getByRole("heading", { level: 1, name: "Media servers & notifications" }).waitFor();
    await page.getByRole("button", { name: "Add connection" }).click();
    await page.getByLabel("Kind").selectOption("gotify");
    await page.getByLabel("Name").fill("Phone");
    await page.getByLabel("Server URL").fill(gotify.url);
    await page.getByLabel("Application token").fill(gotify.secret);
    await page.getByRole("button", { name: "Save" }).click();
    const card = page.getByTestId(/^connection-\d+$/).first();
    await card.getByText("secret saved").waitFor();
    await card.getByRole("button", { name: "Test" }).click();
    await card.getByText(/OK · test/).waitFor();
    expect(await card.getByRole("status").textContent()).toContain("Gotify accepted the message");
    expect(gotify.received).toHaveLength(1);
    expect(gotify.received[0]?.body).toMatchObject({ title: "Aniworld test notification" });
    expect(await page.content()).not.toContain(gotify.secret);
    // Editing shows an empty secret field that keeps the saved token.
    await card.getByRole("button", { name: "Edit" }).click();
    expect(await page.getByLabel("Application token").inputValue()).toBe("");
    expect(await page.getByLabel("Application token").getAttribute("placeholder")).toContain("leave empty");
    await screenshot(page, "connections-page");
    expect(watched.errors).toEqual([]);
  });

  test("Back up now lists the new backup", async () => {
    await page.goto(`${app.url}/settings`);
    await page.getByRole("button", { name: "Back up now" }).click();
    await page
      .getByRole("list")
      .filter({ hasText: /aniworld-\d{8}-\d{9}\.db/ })
      .waitFor();
    expect(watched.errors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { writeTree } from "../helpers/library-fixture.ts";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { signIn } from "./harness/session.ts";

/**
 * An existing collection imported as it is: the start scan finds a series folder (by its sidecar) whose files
 * partly match no episode. The series page lists those files with how they were read and why they were not
 * matched, next to the episodes that were.
 */
let dirs: TempDirs;
let app: AppProcess;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  const folder = "Harbor Tale";
  writeTree(dirs.library, {
    [`${folder}/.aniworld.json`]: JSON.stringify({
      catalogKey: "aniworld:harbor-tale",
      title: "Harbor Tale",
      year: 2020,
    }),
    [`${folder}/Season 01/Harbor.Tale.S01E01.1080p.WEB.h264-GRP.mkv`]: "1",
    [`${folder}/Season 01/Harbor.Tale.S01E01.720p.WEB.h264-OTHER.mkv`]: "2",
    [`${folder}/Season 01/Harbor Tale - Behind the Scenes.mkv`]: "3",
    [`${folder}/[SubsPlease] Harbor Tale - 02 (1080p) [ABCD1234].mkv`]: "4",
  });
  app = await startApp(dirs);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  watched = watchPage(page);
  await signIn(page, app);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  dirs?.cleanup();
});

describe("unmatched files on the series page (Chromium, built executable)", () => {
  test("files the scan could not attach are listed with their reading and the reason", async () => {
    await page.goto(`${app.url}/series/1`);
    const section = page.getByRole("region", { name: /Files not matched to an episode/ });
    await section.waitFor();
    const rows = section.getByRole("row");
    await rows.nth(2).waitFor();
    const text = (await rows.allTextContents()).join("\n");
    expect(text).toContain("Harbor Tale - Behind the Scenes.mkv");
    expect(text).toContain("no episode number in the name");
    expect(text).toContain("Harbor.Tale.S01E01.720p.WEB.h264-OTHER.mkv");
    expect(text).toContain("another file already holds this episode");
    expect(text).toContain("S01E01");
    expect(await rows.count()).toBe(3); // header + two files
    // The matched files are episodes, not in this list.
    expect(text).not.toContain("SubsPlease");
    await screenshot(page, "series-unmatched-files");
    expect(watched.errors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
  });
});

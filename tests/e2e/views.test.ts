import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { callApi } from "./harness/api.ts";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { launchBrowser, screenshot, watchPage } from "./harness/browser.ts";
import { ensureBuilt } from "./harness/build.ts";
import { ADMIN, setUp } from "./harness/session.ts";
import { E2E_TMDB_KEY, startStandIns } from "./harness/stand-ins.ts";

/**
 * The views beyond the first journey, in Chromium against the built executable: Wanted, Activity (queue
 * reordering), History, Calendar, Tasks, Logs, the series page's sources, the settings form's checks and
 * live updates, and the bugs found by trying it (each test names the behaviour, not the bug).
 */
let dirs: TempDirs;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let app: AppProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let seriesId = 0;
const nav = () => page.getByRole("navigation", { name: "Main" });

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  standIns = await startStandIns();
  app = await startApp(dirs, standIns.env);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  watched = watchPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await standIns?.stop();
  dirs?.cleanup();
});

const ALLOWED = ["de", "de-sub", "en-sub"];
const SUPPORTED = ["VOE", "Vidoza", "Doodstream", "Vidmoly"];
/** A sample series TMDB knows, with four season-1 episodes to queue and a later one offered in German Sub. */
function plan() {
  for (const s of standIns.catalogue.series) {
    const usable = (s.seasons.get(1) ?? []).filter((e) => e.languages.some((l) => ALLOWED.includes(l)));
    const queued = usable.slice(0, 4);
    const picked = usable
      .slice(4)
      .find((e) => e.languages.includes("de-sub") && e.hosters.some((h) => SUPPORTED.includes(h)));
    if (s.tmdbId !== null && queued.length === 4 && picked) return { series: s, queued, picked };
  }
  throw new Error("no sample series fits the plan");
}
const target = () => plan().series;
const code = (n: number) => `S01E${String(n).padStart(2, "0")}`;

describe("web app views in Chromium", () => {
  test("after sign-in the app returns to the page that asked for it (?next=)", async () => {
    await setUp(page, app);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.goto(`${app.url}/wanted`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/wanted");
    await page.getByLabel("Username").fill(ADMIN.username);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Wanted" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/wanted");
  });

  test("series addresses that name no series say so instead of loading forever", async () => {
    for (const bad of ["abc", "-1", "0", "999999"]) {
      await page.goto(`${app.url}/series/${bad}`);
      await page.getByTestId("series-not-found").waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Series not found");
    }
  });

  test("a search of only spaces explains itself instead of showing a blank page", async () => {
    await page.goto(`${app.url}/search`);
    await page.getByLabel("Search the catalogue").fill("   ");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByTestId("search-blank").getByText("Type a title").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("q");
  });

  test("a series added from search is named by its title and year; air dates arrive with loading", async () => {
    // The stand-ins are local: no need for the gentle rate the real catalogue gets.
    await callApi(page, "mutation", "settings.update", {
      tmdbApiKey: E2E_TMDB_KEY,
      downloadConcurrency: 1,
      catalogRatePerSecond: 100,
    });
    await page.goto(`${app.url}/search?q=${encodeURIComponent(target().titleDe)}`);
    const result = page.getByTestId("search-result").filter({ hasText: target().titleDe }).first();
    await result.getByRole("button", { name: /^Add / }).click();
    const link = result.getByTestId("in-library");
    await link.waitFor();
    // Focus moved to the link that replaced the Add button.
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    seriesId = Number(((await link.getAttribute("href")) ?? "").split("/").pop());
    await page
      .getByTestId("toast")
      .filter({ hasText: `Added ${target().titleDe}` })
      .first()
      .waitFor();
    await link.click();
    await page.getByTestId("loading-state").getByText("All four steps loaded.").waitFor({ timeout: 60_000 });
    const folder = await page.locator(".facts dd").nth(1).textContent();
    expect(folder).toBe(`${target().titleDe} (${target().startYear})`);
    await callApi(page, "mutation", "series.setMonitored", { id: seriesId, monitored: true });
    // Air dates are stored right after loading completes.
    await page.reload();
    await page
      .locator("[data-testid=episode][data-episode='1x1'] td")
      .nth(3)
      .getByText(/^\d{4}-\d{2}-\d{2}$/)
      .waitFor();
  });

  test("Wanted lists the missing episodes, paged on the server; selected ones are queued", async () => {
    await nav().getByRole("link", { name: "Wanted" }).click();
    const rows = page.getByTestId("wanted-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    await page.getByLabel("Sort by").selectOption("episode");
    await page.getByLabel("Order").selectOption("asc");
    await page.waitForURL(/dir=asc/);
    // Hold transfers back so the queue has a running item and three waiting ones.
    standIns.hoster.behaviour.throttleBytesPerSecond = 48 * 1024;
    for (const e of plan().queued)
      await page.getByRole("checkbox", { name: new RegExp(`^Select .* ${code(e.number)}$`) }).check();
    await page.getByRole("button", { name: "Download selected" }).click();
    await page.getByTestId("toast").filter({ hasText: "Queued 4 episode(s)" }).first().waitFor();
  });

  test("Activity reorders the waiting downloads by one place from the keyboard, counting waiting items only", async () => {
    await nav().getByRole("link", { name: "Activity" }).click();
    const rows = page.getByTestId("queue-row");
    await page.locator("[data-testid=queue-row][data-state=downloading]").waitFor();
    await page.locator("[data-testid=queue-row][data-state=queued]").nth(2).waitFor();
    const order = () => rows.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id ?? ""));
    const [running, w1, w2, w3] = await order();
    if (!running || !w1 || !w2 || !w3) throw new Error("expected one running and three waiting rows");
    // Rows: [running, w1, w2, w3]. Moving w3 up one place gives [running, w1, w3, w2].
    const handle = page.locator(`[data-handle="${w3}"]`);
    await handle.focus();
    const moved = page.waitForResponse((r) => r.url().includes("/trpc/downloads.move"));
    await page.keyboard.press("ArrowUp");
    await page.waitForFunction(
      (id) => document.querySelectorAll("[data-testid=queue-row]")[2]?.getAttribute("data-id") === id,
      w3,
    );
    expect(await order()).toEqual([running, w1, w3, w2]);
    // The server agrees once the move has reached it (the page showed it at once, optimistically).
    expect((await moved).ok()).toBe(true);
    const list = await callApi<{ id: number; position: number; state: string }[]>(
      page,
      "query",
      "downloads.list",
    );
    const waiting = list.filter((d) => d.state === "queued").sort((a, b) => a.position - b.position);
    expect(waiting.map((d) => String(d.id))).toEqual([w1, w3, w2]);
    // Focus stayed on the moved item's handle.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-handle"))).toBe(w3);
    await page
      .getByRole("button", { name: /^Details of/ })
      .first()
      .click();
    await page.getByTestId("attempts").first().waitFor();
    await screenshot(page, "views-activity-queue");
    standIns.hoster.behaviour.throttleBytesPerSecond = 0;
    await page.getByText("Nothing queued.").waitFor({ timeout: 60_000 });
  });

  test("History lists every finished download, filters by result, and asks before removing", async () => {
    await page.getByRole("navigation", { name: "Activity" }).getByRole("link", { name: "History" }).click();
    await page.getByTestId("history-row").nth(3).waitFor();
    expect(await page.getByTestId("history-count").textContent()).toBe("4 entries");
    // Some sample episodes are offered only by hosters without a downloader: those failed, with reasons.
    const failed = await page.locator("[data-testid=history-row][data-result=failed]").count();
    await page.getByLabel("Result").selectOption("failed");
    await page
      .getByTestId("history-count")
      .getByText(`${failed} ${failed === 1 ? "entry" : "entries"}`)
      .waitFor();
    await page.getByLabel("Result").selectOption("cancelled");
    await page.getByText("No history matches.").waitFor();
    // Narrow to one episode from its row, then back to every series.
    await page.getByLabel("Result").selectOption("");
    await page.getByTestId("history-row").nth(3).waitFor();
    await page
      .getByRole("button", { name: /^Only .* S01E\d\d$/ })
      .first()
      .click();
    await page.getByTestId("history-count").getByText("1 entry").waitFor();
    expect(new URL(page.url()).searchParams.get("episode")).toMatch(/^\d+$/);
    await page.getByRole("button", { name: "Show all series" }).click();
    await page.getByLabel("Result").selectOption("");
    await page.getByTestId("history-row").nth(3).waitFor();
    await page
      .getByRole("checkbox", { name: /^Select / })
      .first()
      .check();
    await page.getByRole("button", { name: "Remove selected…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    // A destructive question starts on Cancel.
    expect(
      await dialog.getByRole("button", { name: "Cancel" }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await dialog.getByRole("button", { name: "Remove" }).click();
    await page.getByTestId("history-count").getByText("3 entries").waitFor();
    // The series page shows the same history for the series and for one episode.
    await page.goto(`${app.url}/series/${seriesId}`);
    await page.locator("#series-history [data-testid=history-row]").nth(2).waitFor();
    const n = plan().queued[1]?.number ?? 0;
    await page.getByRole("button", { name: `History of episode ${n} of season 1` }).click();
    await page.getByRole("heading", { name: `History of Season 1, episode ${n}` }).waitFor();
  });

  test("Calendar shows monitored series' episodes by air date in month, week and agenda views", async () => {
    const list = await callApi<{ episodes: { airDate: string | null; season: number; number: number }[] }>(
      page,
      "query",
      "series.get",
      { id: seriesId },
    );
    const aired = list.episodes.find((e) => e.airDate)?.airDate;
    expect(aired).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.goto(`${app.url}/calendar?view=month&date=${aired}`);
    await page.getByTestId("calendar-entry").first().waitFor();
    await page.getByRole("button", { name: "Agenda" }).click();
    await page.getByTestId("agenda").getByTestId("calendar-entry").first().waitFor();
    await page.getByRole("button", { name: "Week" }).click();
    await page.getByTestId("calendar-entry").first().waitFor();
  });

  test("a source picked by hand on the series page is the one downloaded", async () => {
    await page.goto(`${app.url}/series/${seriesId}`);
    const n = plan().picked.number;
    const row = page.locator(`[data-testid=episode][data-episode='1x${n}']`);
    await row.getByRole("button", { name: `Sources of episode ${n} of season 1` }).click();
    const sources = page.getByTestId("episode-sources");
    const pick = sources
      .getByRole("button", { name: /^Download from .* in German Sub$/, disabled: false })
      .first();
    await pick.waitFor();
    const hoster = ((await pick.getAttribute("aria-label")) ?? "").replace(
      /^Download from (.*) in German Sub$/,
      "$1",
    );
    await pick.click();
    await row.locator(".on-disk").waitFor({ timeout: 60_000 });
    const history = await callApi<{
      items: { season: number; episode: number; language: string; hoster: string }[];
    }>(page, "query", "downloads.history", { seriesId });
    expect(history.items.find((h) => h.season === 1 && h.episode === n)).toMatchObject({
      language: "de-sub",
      hoster,
    });
  });

  test("settings are checked as you type, in plain words; Save waits until they are valid", async () => {
    await nav().getByRole("link", { name: "Settings" }).click();
    const template = page.getByLabel("Episode file name template");
    await template.fill("{nope} - {title}");
    await page.locator("#namingTemplate-errors").getByText("unknown placeholder {nope}").waitFor();
    expect(await page.getByRole("button", { name: "Save settings" }).isDisabled()).toBe(true);
    const text = (await page.getByTestId("settings-errors").textContent()) ?? "";
    expect(text).not.toContain("shared/naming.ts");
    await template.fill("Season {season:00}/{series} - S{season:00}E{episode:00}");
    expect(await page.getByRole("button", { name: "Save settings" }).isDisabled()).toBe(false);
    // The typed hoster order drops duplicates.
    const hosters = page.getByLabel("Hoster order (comma separated; unknown hosters come last)");
    await hosters.fill("Vidoza, VOE, voe, Vidoza");
    await hosters.press("Tab");
    expect(await hosters.inputValue()).toBe("Vidoza, VOE");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByTestId("toast").getByText("Settings saved.").first().waitFor();
    // A TMDB key TMDB refuses is not saved, and the page says why.
    await page.getByLabel("Replace the API key").fill("not-a-valid-key");
    await page.getByRole("button", { name: "Save key" }).click();
    await page
      .getByTestId("tmdb-check")
      .getByText(/TMDB refused this key/)
      .waitFor();
    expect(watched.errors).toEqual([]);
  });

  test("settings follow changes made in another tab, and leaving unsaved changes asks first", async () => {
    const other = await context.newPage();
    await other.goto(`${app.url}/settings`);
    const field = other.getByLabel("Downloads at the same time");
    await field.waitFor();
    await page.getByLabel("Downloads at the same time").fill("4");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByTestId("toast").getByText("Settings saved.").first().waitFor();
    await other.waitForFunction(
      () => (document.querySelector<HTMLInputElement>("input[type=number][max='8']")?.value ?? "") === "4",
    );
    // An unsaved edit: following a link asks; "Cancel" stays on the page with the edit.
    await other.getByLabel("Series loaded at the same time").fill("7");
    const questions: string[] = [];
    other.once("dialog", (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System" }).click();
    await other.getByText("Unsaved changes").waitFor();
    expect(questions).toEqual(["Leave the settings? Your unsaved changes will be lost."]);
    expect(new URL(other.url()).pathname).toBe("/settings");
    expect(await other.getByLabel("Series loaded at the same time").inputValue()).toBe("7");
    other.once("dialog", (d) => void d.accept());
    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System" }).click();
    await other.getByRole("heading", { level: 1, name: "System" }).waitFor();
    await other.close();
  });

  test("organize previews the new names, then renames the files to the saved template", async () => {
    // The settings test above saved a template without the episode title.
    await page.goto(`${app.url}/series/${seriesId}`);
    await page.getByRole("button", { name: "Organize…" }).click();
    const preview = page.getByTestId("organize-plan");
    await preview.getByText(/→/).first().waitFor();
    const changes = await preview.locator("li").count();
    expect(changes).toBeGreaterThan(0);
    await page.getByRole("dialog").getByRole("button", { name: "Rename" }).click();
    await page
      .getByTestId("toast")
      .getByText(`Organized: ${changes} file(s)`, { exact: false })
      .first()
      .waitFor();
    const n = plan().picked.number;
    const file = page.locator(`[data-testid=episode][data-episode='1x${n}'] .file-name`);
    await file.getByText(new RegExp(`- ${code(n)}\\.(mp4|mkv|ts)$`)).waitFor();
    // Organized, there is nothing left to rename: the dialog says so and offers no Rename.
    await page.getByRole("button", { name: "Organize…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Everything already follows the naming templates.").waitFor();
    expect(await dialog.getByRole("button", { name: "Rename" }).isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  test("Tasks run now and report; Logs filter by level", async () => {
    await page.goto(`${app.url}/system/tasks`);
    await page.getByRole("button", { name: "Run Monitored series check now" }).click();
    await page
      .getByTestId("task-monitor")
      .getByText(/series checked/)
      .waitFor();
    await page.getByRole("navigation", { name: "System" }).getByRole("link", { name: "Logs" }).click();
    const lines = page.getByTestId("log-lines").locator("li");
    await lines.first().waitFor();
    const infoCount = await lines.count();
    await page.getByLabel("Show from level").selectOption("error");
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=log-lines] li").length !== n,
      infoCount,
    );
    expect(await lines.count()).toBeLessThan(infoCount);
  });

  test("a series added by key alone is toasted by its catalogue title once loaded, not its slug", async () => {
    const other = standIns.catalogue.series.find((x) => x.slug !== target().slug && x.titleDe.includes(" "));
    if (!other) throw new Error("no second sample series");
    await page.goto(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: "Library" }).waitFor();
    await callApi(page, "mutation", "series.add", { catalogKey: `aniworld:${other.slug}` });
    await page.getByTestId("toast").getByText(`Loaded ${other.titleDe}.`).waitFor({ timeout: 60_000 });
  });

  test("while the server is down the last data stays, marked stale, and the page says so in words", async () => {
    await page.goto(`${app.url}/activity/history`);
    await page.getByTestId("history-row").first().waitFor();
    await page.getByTestId("connection").getByText("Live").waitFor();
    await app.stop();
    await page.getByTestId("offline-banner").waitFor({ timeout: 30_000 });
    await page.getByTestId("stale").waitFor();
    // The rows received before are still on screen (not "0 entries" or an error in their place).
    expect(await page.getByTestId("history-row").count()).toBeGreaterThan(0);
    // A refresh attempt fails in words, never as "Failed to fetch".
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wanted" }).click();
    await page.getByText("The server cannot be reached").first().waitFor();
    expect(await page.content()).not.toContain("Failed to fetch");
    // Back on the history, its cached rows are shown again (marked stale) although the refresh fails.
    await page.goBack();
    await page.getByTestId("history-row").first().waitFor();
    await page.getByTestId("stale").waitFor();
    await screenshot(page, "views-server-down");
    expect(watched.errors).toEqual([]);
  });
});

import type { Browser, Page } from "playwright-core";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./app-process.ts";
import { launchBrowser, watchPage } from "./browser.ts";
import { ensureBuilt } from "./build.ts";

export const ADMIN = { username: "admin", password: "a long and unusual e2e passphrase" };

/** A fresh server shows the setup page: create the admin with the token the server printed. */
export async function setUp(page: Page, app: AppProcess): Promise<void> {
  const token = await app.setupToken();
  if (!token) throw new Error("the server printed no setupToken");
  await page.goto(app.url);
  await page.getByRole("heading", { name: "Set up Aniworld" }).waitFor();
  await page.getByLabel("Setup token").fill(token);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: /set up|create/i }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/** Signs in on the login page; a browser whose session is still valid is sent on to the app instead. */
export async function logIn(page: Page, app: AppProcess): Promise<void> {
  // The app decides once it knows the session: the main navigation when signed in, else the login page.
  await page.goto(app.url);
  const nav = page.getByRole("navigation", { name: "Main" });
  await page.getByRole("heading", { name: "Sign in" }).or(nav).waitFor();
  if (await nav.isVisible()) return;
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/** Opens the app signed in: setup on a fresh server, sign-in otherwise. */
export async function signIn(page: Page, app: AppProcess): Promise<void> {
  page.setDefaultTimeout(15_000);
  await page.goto(app.url);
  const setup = page.getByRole("heading", { name: "Set up Aniworld" });
  const login = page.getByRole("heading", { name: "Sign in" });
  await setup.or(login).waitFor();
  if (await setup.isVisible()) await setUp(page, app);
  else await logIn(page, app);
}

export interface SignedInApp {
  dirs: TempDirs;
  app: AppProcess;
  page: Page;
  watched: ReturnType<typeof watchPage>;
  /** Closes the browser, stops the app and removes its folders. */
  close(): Promise<void>;
}

/**
 * The built executable on fresh folders (`prepare` fills them before it starts) and a Chromium page,
 * watched for dialogs and errors, signed in to it.
 */
export async function openSignedInApp(
  options: {
    prepare?: (dirs: TempDirs) => void;
    env?: Record<string, string>;
    viewport?: { width: number; height: number };
  } = {},
): Promise<SignedInApp> {
  await ensureBuilt();
  const dirs = tempDirs();
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app?.stop();
    dirs.cleanup();
  };
  try {
    options.prepare?.(dirs);
    app = await startApp(dirs, options.env);
    browser = await launchBrowser();
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    const watched = watchPage(page);
    await signIn(page, app);
    return { dirs, app, page, watched, close };
  } catch (error) {
    await close();
    throw error;
  }
}

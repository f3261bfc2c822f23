import type { Page } from "playwright-core";
import type { AppProcess } from "./app-process.ts";

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

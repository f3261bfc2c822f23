import type { Page } from "playwright-core";
import type { AppProcess } from "./app-process.ts";

export const ADMIN = { username: "admin", password: "correct horse battery staple" };

/**
 * Opens the app signed in. Before the accounts capability exists there is nothing to sign in to; once it
 * does, a fresh server shows the setup page (token from the log), later visits the login page.
 */
export async function signIn(page: Page, app: AppProcess): Promise<void> {
  page.setDefaultTimeout(15_000);
  await page.goto(app.url);
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

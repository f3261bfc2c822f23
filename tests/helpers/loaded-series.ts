import { expect } from "bun:test";
import { eq } from "drizzle-orm";
import { series as seriesTable } from "../../db/schema/index.ts";
import { signIn } from "./sign-in.ts";
import { httpClient, type TestServer, waitFor } from "./test-server.ts";

/**
 * Signs in, lifts the catalogue's rate limit, adds `catalogKey` through series.add and waits until its
 * loading has ended, which must be complete. Returns the signed-in client and the added row.
 */
export async function addLoadedSeries(server: TestServer, catalogKey: string) {
  const creds = await signIn(server);
  const api = httpClient(server.url, creds.cookieHeaders);
  await api.settings.update.mutate({ catalogRatePerSecond: 1000 });
  const row = await api.series.add.mutate({ catalogKey });
  const db = server.app.services.db.db;
  const status = () =>
    db.select({ s: seriesTable.loadingStatus }).from(seriesTable).where(eq(seriesTable.id, row.id)).get()?.s;
  await waitFor(() => status() === "completed" || status() === "failed", "loading to finish", 20_000);
  expect(status()).toBe("completed");
  return { creds, api, row };
}

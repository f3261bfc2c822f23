import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { listBackups } from "../../../server/backups/backup-files.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { startTestServer, type TestServer, waitFor } from "../../helpers/test-server.ts";

/**
 * The backup schedule fires by itself: with a short interval injected, the server writes backups without
 * anyone asking, keeps only the newest `backupKeep`, and each is a readable copy of the database.
 */
let server: TestServer;
afterAll(() => server.close());

function backupsLogged(): number {
  return server.logs.filter((l) => (JSON.parse(l) as { msg?: unknown }).msg === "database backed up").length;
}

test("the scheduled backup fires on its interval and keeps the newest backupKeep", async () => {
  server = await startTestServer({}, { backups: { firstDelayMs: 20, intervalMs: 100 } });
  server.app.services.settings.update({ backupKeep: 2 });
  insertSeriesRow(server.app.services.db.db, {
    catalogKey: "aniworld:frieren",
    title: "Frieren",
    folder: "Frieren",
  });

  // Backups are written synchronously: the next two both contain the row.
  const before = backupsLogged();
  await waitFor(() => backupsLogged() >= before + 2 && backupsLogged() >= 3, "three scheduled backups");
  const files = listBackups(server.config.dataDir);
  expect(files.length).toBe(2);
  const db = new Database(files[0]!.path, { readonly: true });
  try {
    expect(db.query("SELECT title FROM series").all()).toEqual([{ title: "Frieren" }]);
  } finally {
    db.close();
  }
});

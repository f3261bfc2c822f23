import { Database } from "bun:sqlite";
import { beforeEach, expect, test } from "bun:test";
import { statSync } from "node:fs";
import { CHECKPOINT_DELAY_MS } from "../../db/wal-checkpointer.ts";
import { EventsService } from "../../server/events/events-service.ts";
import { databasePerTest } from "../helpers/database-per-test.ts";

const handle = databasePerTest();
let events: EventsService;
beforeEach(() => {
  events = new EventsService(handle().db);
});

/** One transaction of `n` events of about 2 KB each. */
const emitMany = (n: number) =>
  events.transact((_tx, record) => {
    for (let i = 0; i < n; i++)
      record({ type: "settings.changed", seriesId: null, changed: [`key-${i}-${"x".repeat(2_000)}`] });
  });

const bytes = (path: string) => statSync(path).size;

test("commits leave the WAL alone; a passive checkpoint copies it into the database shortly after", async () => {
  const before = bytes(handle().path);
  emitMany(3_000); // about 6 MB: past the 1,000 pages at which SQLite's default checkpoints in the commit
  expect(bytes(`${handle().path}-wal`)).toBeGreaterThan(1_000 * 4096);
  expect(bytes(handle().path)).toBe(before);
  await Bun.sleep(CHECKPOINT_DELAY_MS * 3);
  expect(bytes(handle().path)).toBeGreaterThan(before + 1_000 * 4096);
  // A reader that only looks at the database file would now find every event there.
  const copied = new Database(handle().path, { readonly: true });
  try {
    expect(copied.query<{ n: number }, []>("SELECT count(*) AS n FROM events").get()?.n).toBe(3_000);
  } finally {
    copied.close();
  }
});

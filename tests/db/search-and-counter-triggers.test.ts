import { beforeEach, expect, test } from "bun:test";
import { databasePerTest } from "../helpers/database-per-test.ts";

const handle = databasePerTest();
beforeEach(() => {
  handle().sqlite.run(
    "INSERT INTO series (id, catalog_key, title, folder, created_at, updated_at) VALUES (1, 'aniworld:a', 'Old Title', 'A', 0, 0)",
  );
});

const matches = (text: string) =>
  handle()
    .sqlite.query<{ rowid: number }, [string]>("SELECT rowid FROM series_search WHERE series_search MATCH ?")
    .all(`"${text}"`)
    .map((r) => r.rowid);
/** FTS5's own consistency check of an external-content index against its table: throws when they differ. */
const integrityCheck = () =>
  handle().sqlite.run("INSERT INTO series_search (series_search, rank) VALUES ('integrity-check', 1)");

test("the title index follows a renamed series, and writing the same title leaves it consistent", () => {
  handle().sqlite.run("UPDATE series SET title = 'Old Title' WHERE id = 1");
  integrityCheck();
  expect(matches("old tit")).toEqual([1]);
  handle().sqlite.run("UPDATE series SET title = 'New Name' WHERE id = 1");
  integrityCheck();
  expect(matches("old tit")).toEqual([]);
  expect(matches("new na")).toEqual([1]);
  handle().sqlite.run("DELETE FROM series WHERE id = 1");
  integrityCheck();
  expect(matches("new na")).toEqual([]);
});

test("the preferred missing count follows the missing episodes, and only changes with them", () => {
  const preferred = () =>
    handle()
      .sqlite.query<{ n: number }, []>(
        "SELECT episodes_missing_preferred AS n FROM series_counters WHERE series_id = 1",
      )
      .get()?.n;
  expect(preferred()).toBe(0); // the new series' counters row
  const set = (json: string) =>
    handle().sqlite.run("UPDATE series_counters SET missing_by_languages = ? WHERE series_id = 1", [json]);
  set('{"[\\"de\\"]":3,"[\\"en\\"]":2}');
  expect(preferred()).toBe(3); // English dub is not in the default order
  set('{"[\\"de\\"]":3,"[\\"en\\"]":2}');
  expect(preferred()).toBe(3);
  handle().sqlite.run("UPDATE series SET languages = '[\"en\"]' WHERE id = 1");
  expect(preferred()).toBe(2);
  // A counters row created with missing episodes already in it gets its preferred count at once.
  handle().sqlite.run("DELETE FROM series_counters WHERE series_id = 1");
  handle().sqlite.run(
    `INSERT INTO series_counters (series_id, episodes_total, episodes_on_disk, episodes_missing, missing_by_languages)
     VALUES (1, 5, 0, 5, '{"[\\"en\\"]":4,"[\\"de\\"]":1}')`,
  );
  expect(preferred()).toBe(4);
});

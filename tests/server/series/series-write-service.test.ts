import { afterEach, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../../helpers/test-server.ts";
import { startLoader } from "../loading/loader-harness.ts";

let h: ReturnType<typeof startLoader>;
afterEach(async () => {
  await h.close();
});

test("adds of one turn share a commit; duplicate keys among them give one row and alreadyExisted", async () => {
  h = startLoader();
  const keys = ["aniworld:one-piece", "aniworld:naruto", "aniworld:One-Piece", "aniworld:one-piece"];
  const rows = await Promise.all(keys.map((k) => h.series.add(k)));
  expect(rows.map((r) => r.alreadyExisted)).toEqual([false, false, true, true]);
  expect(rows[2]!.id).toBe(rows[0]!.id);
  expect(rows[3]!.id).toBe(rows[0]!.id);
  expect(rows[0]!.id).not.toBe(rows[1]!.id);
  const count = h.db.sqlite.query<{ n: number }, []>("SELECT count(*) AS n FROM series").get()!.n;
  expect(count).toBe(2);
  // One series.added event per new row, in id order; none for the duplicates.
  const added = h.db.sqlite
    .query<{ series_id: number }, []>("SELECT series_id FROM events WHERE topic = 'series.added' ORDER BY id")
    .all()
    .map((r) => r.series_id);
  expect(added).toEqual([rows[0]!.id, rows[1]!.id]);
  await waitFor(() => existsSync(join(h.config.library, "One Piece", ".aniworld.json")), "the folder");
  // The duplicates' tentative folder names were given back: the next "One Piece"-titled series takes "(2)".
  const other = await h.series.add("aniworld:one--piece");
  expect(other.folder).toBe("One Piece (2)");
});

test("same-titled series added in one turn get distinct folders", async () => {
  h = startLoader();
  const rows = await Promise.all(
    ["aniworld:a-b", "aniworld:a--b", "aniworld:a-b-"].map((k) => h.series.add(k)),
  );
  expect(rows.map((r) => r.alreadyExisted)).toEqual([false, false, false]);
  expect(rows.map((r) => r.folder)).toEqual(["A B", "A B (2)", "A B (3)"]);
});

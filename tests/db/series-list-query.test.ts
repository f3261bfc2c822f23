import { afterAll, expect, test } from "bun:test";
import * as v from "valibot";
import { openDatabase } from "../../db/connection.ts";
import { SeriesListQueries } from "../../db/repositories/series-list-query.ts";
import type { MissingRule } from "../../db/repositories/series-summaries.ts";
import { seedLibrary } from "../../scripts/bench/support/seed.ts";
import type { SeriesSummary } from "../../shared/series-list.ts";
import {
  LIBRARY_FILTERS,
  LIBRARY_SORTS,
  type LibraryFilter,
  type LibrarySort,
  type SeriesListInput,
  SeriesListInputSchema,
} from "../../shared/series-list.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const COUNT = 700;
const tmp = tempDir();
const handle = openDatabase(tmp.path);
seedLibrary(handle.sqlite, COUNT, 24);
// Titles that a careless search would treat as syntax.
handle.sqlite.run(
  `INSERT INTO series (catalog_key, title, folder, created_at, updated_at) VALUES
   ('aniworld:q', 'He said "hi" 100% OR NOT', 'Q', 0, 0), ('aniworld:u', 'Under_score', 'U', 0, 0)`,
);
const queries = new SeriesListQueries(handle.sqlite);
afterAll(() => {
  handle.close();
  tmp.cleanup();
});

const ANY: MissingRule = { mode: "any", defaultLanguages: ["de", "de-sub", "en-sub"] };
const PREFERRED: MissingRule = { ...ANY, mode: "preferred" };
const page = (input: SeriesListInput, rule = ANY) =>
  queries.page(v.parse(SeriesListInputSchema, input), rule);

/** Every series in the database's order for a sort, read in windows of `limit`. */
function pageThrough(input: SeriesListInput, limit: number, rule = ANY): SeriesSummary[] {
  const out: SeriesSummary[] = [];
  for (let offset = 0; ; offset += limit) {
    const p = page({ ...input, offset, limit }, rule);
    out.push(...p.rows);
    if (offset + limit >= p.total) return out;
  }
}

/** The oracle: the whole table in JS, filtered and sorted by the documented rules. */
const everything = pageThrough({}, 500);
const lower = (s: string) => s.toLowerCase();
const byTitle = (a: SeriesSummary, b: SeriesSummary) =>
  lower(a.title) < lower(b.title) ? -1 : lower(a.title) > lower(b.title) ? 1 : a.id - b.id;
const ORACLE_SORT: Record<LibrarySort, (a: SeriesSummary, b: SeriesSummary) => number> = {
  title: byTitle,
  year: (a, b) => (b.year ?? -1) - (a.year ?? -1) || byTitle(a, b),
  missing: (a, b) => b.episodesMissing - a.episodesMissing || b.id - a.id,
  added: (a, b) => b.id - a.id,
};
const ORACLE_FILTER: Record<LibraryFilter, (r: SeriesSummary) => boolean> = {
  all: () => true,
  missing: (r) => r.episodesMissing > 0,
  loading: (r) => r.loadingStatus !== "completed" && r.loadingStatus !== "failed",
  failed: (r) => r.loadingStatus === "failed",
  monitored: (r) => r.monitored,
  unmonitored: (r) => !r.monitored,
};

test("every filter × sort, paged through in windows, equals the oracle; the total and counts agree", () => {
  expect(everything).toHaveLength(COUNT + 2);
  for (const filter of LIBRARY_FILTERS)
    for (const sort of LIBRARY_SORTS) {
      const expected = everything.filter(ORACLE_FILTER[filter]).sort(ORACLE_SORT[sort]);
      const got = pageThrough({ filter, sort }, 97);
      expect({ filter, sort, ids: got.map((r) => r.id) }).toEqual({
        filter,
        sort,
        ids: expected.map((r) => r.id),
      });
      const first = page({ filter, sort, limit: 10 });
      expect(first.total).toBe(expected.length);
      expect(first.counts[filter]).toBe(expected.length);
    }
});

test("every filter × sort in the other order is the oracle reversed, with a search too", () => {
  for (const filter of LIBRARY_FILTERS)
    for (const sort of LIBRARY_SORTS) {
      const order = sort === "title" ? "desc" : "asc";
      const expected = everything.filter(ORACLE_FILTER[filter]).sort(ORACLE_SORT[sort]).reverse();
      expect({ filter, sort, ids: pageThrough({ filter, sort, order }, 61).map((r) => r.id) }).toEqual({
        filter,
        sort,
        ids: expected.map((r) => r.id),
      });
      const found = expected.filter((r) => lower(r.title).includes("dragon"));
      const searched = pageThrough({ filter, sort, order, search: "dragon" }, 13);
      expect({ filter, sort, ids: searched.map((r) => r.id) }).toEqual({
        filter,
        sort,
        ids: found.map((r) => r.id),
      });
    }
});

test("the other order is the exact reverse, and windows read from the far end match the near end", () => {
  for (const sort of LIBRARY_SORTS) {
    const forward = pageThrough({ sort }, 100).map((r) => r.id);
    const flipped = page({ sort, order: sort === "title" ? "desc" : "asc", limit: 500 });
    const back = pageThrough({ sort, order: sort === "title" ? "desc" : "asc" }, 100).map((r) => r.id);
    expect(back).toEqual([...forward].reverse());
    expect(flipped.rows.map((r) => r.id)).toEqual(back.slice(0, 500));
    // A window in the second half (read backwards internally) is the slice of the whole list.
    const tail = page({ sort, offset: COUNT - 5, limit: 100 });
    expect(tail.rows.map((r) => r.id)).toEqual(forward.slice(COUNT - 5));
  }
});

test("the preferred rule filters and sorts on the preferred count", () => {
  const rows = pageThrough({ sort: "missing" }, 250, PREFERRED);
  const counts = rows.map((r) => r.episodesMissing);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  const missing = page({ filter: "missing", limit: 1 }, PREFERRED).total;
  expect(missing).toBe(rows.filter((r) => r.episodesMissing > 0).length);
  // Series with their own ["en-sub"] list count fewer than under "any" (a third of their episodes are en-sub).
  const own = everything.find((r) => r.id % 5 === 0 && r.episodesMissing >= 3);
  const preferredRow = rows.find((r) => r.id === own?.id);
  expect(preferredRow?.episodesMissing).toBeLessThan(own?.episodesMissing ?? 0);
});

test("title search: substrings of any case through FTS, one or two characters by LIKE, syntax as text", () => {
  const dragon = page({ search: "DRAGON", limit: 500 });
  const expected = everything.filter((r) => lower(r.title).includes("dragon"));
  expect(dragon.total).toBe(expected.length);
  expect(dragon.rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  expect(page({ search: "agon aca", limit: 500 }).rows.every((r) => /agon aca/i.test(r.title))).toBe(true);
  expect(page({ search: '"hi" 100% OR', limit: 5 }).rows.map((r) => r.title)).toEqual([
    'He said "hi" 100% OR NOT',
  ]);
  expect(page({ search: "%", limit: 5 }).rows.map((r) => r.title)).toEqual(['He said "hi" 100% OR NOT']);
  expect(page({ search: "_", limit: 5 }).rows.map((r) => r.title)).toEqual(["Under_score"]);
  expect(page({ search: "   " }).total).toBe(COUNT + 2);
  // Search and filter together; the counts stay those of the whole library.
  const both = page({ search: "dragon", filter: "monitored", limit: 500 });
  expect(both.total).toBe(expected.filter((r) => r.monitored).length);
  expect(both.counts.all).toBe(COUNT + 2);
});

test("catalogKeys picks the listed series; bad input is refused by the schema", () => {
  const p = page({ catalogKeys: ["aniworld:scale-3", "aniworld:SCALE-5", "aniworld:not-there"] });
  expect(p.rows.map((r) => r.catalogKey).sort()).toEqual(["aniworld:scale-3", "aniworld:scale-5"]);
  expect(p.total).toBe(2);
  for (const bad of [{ limit: 501 }, { limit: 0 }, { offset: -1 }, { sort: "random" }, { filter: "x" }])
    expect(v.safeParse(SeriesListInputSchema, bad).success).toBe(false);
});

test("a window past the end is empty and still reports the total", () => {
  const p = page({ offset: COUNT + 50, limit: 100 });
  expect(p.rows).toEqual([]);
  expect(p.total).toBe(COUNT + 2);
});

test("summary(id) is the row series.list shows for that series under either rule; null for an unknown id", () => {
  for (const rule of [ANY, PREFERRED]) {
    const rows = pageThrough({}, 500, rule);
    // The library holds every state the list filters on: the comparison is not between alike rows.
    for (const filter of LIBRARY_FILTERS) expect(rows.some(ORACLE_FILTER[filter])).toBe(true);
    for (const row of rows) expect(queries.summary(row.id, rule)).toEqual(row);
  }
  expect(queries.summary(999_999, ANY)).toBeNull();
});

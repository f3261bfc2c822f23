import { Database } from "bun:sqlite";
import { afterEach, expect, test } from "bun:test";
import { rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyMigrations } from "../../db/migrate.ts";
import { migrations } from "../../db/migrations/index.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { SeriesListQueries } from "../../db/repositories/series-list-query.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { MissingRule } from "../../db/repositories/series-summaries.ts";
import { DEFAULT_LANGUAGE_ORDER } from "../../shared/languages.ts";
import { buildMixedLibrary } from "../helpers/library-fixture.ts";
import { libraryServices } from "../helpers/services.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

type Services = ReturnType<typeof libraryServices>;

/**
 * The oracle: the aggregate series.list used before the counters existed, over the episodes themselves.
 * Returns [id, total, onDisk, missing] per series, ordered like series.list.
 */
function recount(s: Services, rule: MissingRule): number[][] {
  const fallback = JSON.stringify(rule.defaultLanguages);
  const preferred =
    rule.mode === "preferred"
      ? `AND EXISTS (SELECT 1 FROM json_each(e.languages) l WHERE l.value IN (SELECT value FROM json_each(coalesce(s.languages, '${fallback}'))))`
      : "";
  return s.db.sqlite
    .query<{ id: number; total: number; on_disk: number; missing: number }, []>(
      `SELECT s.id, coalesce(sum(e.in_catalog), 0) AS total, count(e.file_path) AS on_disk,
              coalesce(sum(CASE WHEN e.in_catalog = 1 AND e.file_path IS NULL ${preferred} THEN 1 ELSE 0 END), 0) AS missing
       FROM series s LEFT JOIN episodes e ON e.series_id = s.id
       GROUP BY s.id ORDER BY s.title COLLATE NOCASE, s.id`,
    )
    .all()
    .map((r) => [r.id, r.total, r.on_disk, r.missing]);
}

/** series.list's whole library (title order) under the rule: [id, total, onDisk, missing] per series. */
function listed(s: Services, rule: MissingRule): number[][] {
  return new SeriesListQueries(s.db.sqlite)
    .page({ search: "", filter: "all", sort: "title", offset: 0, limit: 500 }, rule)
    .rows.map((r) => [r.id, r.episodesTotal, r.episodesOnDisk, r.episodesMissing]);
}

/** series.list's counts (and series.get's, one series at a time) in both missing modes equal the recount. */
function expectExact(s: Services): void {
  const queries = new SeriesListQueries(s.db.sqlite);
  for (const mode of ["any", "preferred"] as const) {
    const rule: MissingRule = { mode, defaultLanguages: s.settings.get().languages };
    const expected = recount(s, rule);
    expect({ mode, listed: listed(s, rule) }).toEqual({ mode, listed: expected });
    const one = expected.map(([id]) => {
      const r = queries.summary(id ?? 0, rule);
      return r && [r.id, r.episodesTotal, r.episodesOnDisk, r.episodesMissing];
    });
    expect({ mode, one }).toEqual({ mode, one: expected });
  }
}

function setup() {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  buildMixedLibrary(root, join(tmp.path, "outside"));
  const s = libraryServices(join(tmp.path, "data"), root);
  cleanups.unshift(s.close);
  return { root, s };
}

test("counters equal a recount after scans, catalogue upserts, vanished files, deletions and languages", async () => {
  const { root, s } = setup();
  const series = new SeriesRepository(s.db.db);
  const episodes = new EpisodesRepository(s.db.db);
  expectExact(s);
  await s.scan();
  expectExact(s);
  const naruto = series.findByCatalogKey("aniworld:naruto")!;
  const aot = series.findByCatalogKey("aniworld:attack-on-titan")!;
  expect(listed(s, { mode: "any", defaultLanguages: ["de"] }).map(([, , onDisk]) => onDisk)).toEqual([3, 4]);

  // The catalogue lists episodes (some with files on disk already, some not, several language sets).
  episodes.storeCatalogEpisodes(naruto.id, [
    { season: 1, number: 1, titleDe: "Eins", titleEn: null, languages: ["de", "de-sub"] },
    { season: 1, number: 3, titleDe: "Drei", titleEn: null, languages: ["de"] },
    { season: 1, number: 4, titleDe: "Vier", titleEn: null, languages: ["en-sub"] },
    { season: 1, number: 5, titleDe: "Fünf", titleEn: null, languages: [] },
    { season: 2, number: 1, titleDe: null, titleEn: "x", languages: ["en", "de-sub"] },
  ]);
  episodes.storeCatalogEpisodes(aot.id, [
    { season: 1, number: 2, titleDe: null, titleEn: null, languages: ["en-sub"] },
    { season: 1, number: 9, titleDe: null, titleEn: null, languages: ["de"] },
  ]);
  expectExact(s);
  // Storing the list again (one episode's languages changed) counts each episode once, with the new languages.
  episodes.storeCatalogEpisodes(naruto.id, [
    { season: 1, number: 1, titleDe: "Eins", titleEn: null, languages: ["de", "de-sub"] },
    { season: 1, number: 3, titleDe: "Drei", titleEn: null, languages: ["de"] },
    { season: 1, number: 4, titleDe: "Vier", titleEn: null, languages: ["de"] },
    { season: 1, number: 5, titleDe: "Fünf", titleEn: null, languages: [] },
    { season: 2, number: 1, titleDe: null, titleEn: "x", languages: ["en", "de-sub"] },
  ]);
  expectExact(s);

  // Files vanish (a listed one loses its file, a disk-only one disappears), one appears.
  unlinkSync(join(root, "Naruto", "Season 01", "Naruto - S01E01 - Heimkehr [German Dub].mkv"));
  unlinkSync(join(root, "Naruto", "Specials", "Naruto - S00E02 - Link [German Dub].mp4"));
  writeFileSync(join(root, "Naruto", "Season 01", "Naruto - S01E03 - Drei [German Dub].mkv"), "333");
  await s.scan();
  expectExact(s);

  // Preferences: the global one and a series' own one.
  s.settings.update({ languages: ["en-sub"] });
  expectExact(s);
  series.update(naruto.id, { languages: ["en", "de"] });
  expectExact(s);
  series.update(aot.id, { languages: [] });
  expectExact(s);

  // A download attaching one file without clearing others, and an incomplete sync.
  episodes.syncFiles(
    naruto.id,
    [{ season: 2, number: 1, filePath: "Naruto/x.mkv", fileSize: 9, fileLanguage: "en" }],
    false,
  );
  expectExact(s);

  // A targeted scan of a folder that is gone, then a full scan, then deleting a series.
  rmSync(join(root, "Naruto"), { recursive: true });
  await s.scan({ folder: "Naruto" });
  expectExact(s);
  await s.scan();
  expectExact(s);
  s.db.db.$client.run("DELETE FROM series WHERE id = ?", [aot.id]);
  expectExact(s);
  expect(
    s.db.sqlite.query("SELECT count(*) AS n FROM series_counters WHERE series_id = ?").get(aot.id),
  ).toEqual({
    n: 0,
  });
  // The counters were not trivially zero: Naruto still lists five catalogue episodes, all missing now.
  expect(listed(s, { mode: "any", defaultLanguages: ["de"] })).toEqual([[naruto.id, 5, 0, 5]]);
});

test("recountSeries repairs counters after a write that bypassed the repository", async () => {
  const { s } = setup();
  await s.scan();
  const naruto = new SeriesRepository(s.db.db).findByCatalogKey("aniworld:naruto")!;
  s.db.sqlite.run("UPDATE episodes SET file_path = NULL WHERE series_id = ?", [naruto.id]);
  const stale = () => {
    const rule: MissingRule = { mode: "any", defaultLanguages: ["de"] };
    return JSON.stringify(listed(s, rule)) !== JSON.stringify(recount(s, rule));
  };
  expect(stale()).toBe(true);
  new EpisodesRepository(s.db.db).recountSeries(naruto.id);
  expectExact(s);
});

test("the migrations back-fill counters (a row for every series, the preferred count) for older rows", () => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const sqlite = new Database(join(tmp.path, "old.db"), { create: true, strict: true });
  cleanups.unshift(() => sqlite.close());
  applyMigrations(sqlite, migrations.slice(0, 1));
  sqlite.run(
    "INSERT INTO series (id, catalog_key, title, folder, created_at, updated_at) VALUES (1, 'aniworld:a', 'A', 'A', 0, 0), (2, 'aniworld:b', 'B', 'B', 0, 0)",
  );
  sqlite.run(
    `INSERT INTO episodes (series_id, season, number, in_catalog, file_path, languages, updated_at) VALUES
     (1, 1, 1, 1, 'A/1.mkv', '["de"]', 0), (1, 1, 2, 1, NULL, '["de"]', 0), (1, 1, 3, 1, NULL, '["en-sub"]', 0),
     (1, 1, 4, 0, 'A/4.mkv', '[]', 0), (1, 1, 5, 1, NULL, '["de"]', 0)`,
  );
  applyMigrations(sqlite, migrations);
  expect(sqlite.query("SELECT * FROM series_counters ORDER BY series_id").all()).toEqual([
    {
      series_id: 1,
      episodes_total: 4,
      episodes_on_disk: 2,
      episodes_missing: 3,
      missing_by_languages: JSON.stringify({ '["de"]': 2, '["en-sub"]': 1 }),
      // The default languages (de, de-sub, en-sub) take all three.
      episodes_missing_preferred: 3,
    },
    {
      series_id: 2,
      episodes_total: 0,
      episodes_on_disk: 0,
      episodes_missing: 0,
      missing_by_languages: "{}",
      episodes_missing_preferred: 0,
    },
  ]);
});

test("migration 0003's fallback languages are DEFAULT_LANGUAGE_ORDER", () => {
  const sql = migrations.find((m) => m.tag === "0003_series_list_indexes")?.sql ?? "";
  const literal = JSON.stringify(DEFAULT_LANGUAGE_ORDER);
  const fallbacks = [...sql.matchAll(/'(\[[^\]]*\])'\)\) p\)/g)].map((m) => m[1]);
  expect(fallbacks.length).toBeGreaterThan(0);
  expect(new Set(fallbacks)).toEqual(new Set([literal]));
});

const all = { search: "", filter: "all", sort: "title", offset: 0, limit: 500 } as const;

test("series.list sees what any connection wrote, and its counts follow the missing rule", async () => {
  const { s } = setup();
  await s.scan();
  const first = s.queries.list(all);
  expect(first.rows.map((r) => r.title)).toEqual(["Attack on Titan", "Naruto"]);
  const other = new Database(s.db.path);
  cleanups.unshift(() => other.close());
  other.run("UPDATE series SET title = 'AAA first' WHERE folder = 'Naruto'");
  const afterOther = s.queries.list(all);
  expect(afterOther.rows.map((r) => r.title)).toEqual(["AAA first", "Attack on Titan"]);
  const naruto = afterOther.rows[0]!;
  new EpisodesRepository(s.db.db).storeCatalogEpisodes(naruto.id, [
    { season: 9, number: 1, titleDe: null, titleEn: null, languages: ["en"] },
  ]);
  expect(s.queries.list(all).rows[0]).toMatchObject({ episodesTotal: 1, episodesMissing: 1 });
  expect(s.queries.list({ ...all, filter: "missing" }).total).toBe(1);
  s.settings.update({ missingMode: "preferred" });
  expect(s.queries.list(all).rows[0]).toMatchObject({ episodesTotal: 1, episodesMissing: 0 });
  expect(s.queries.list({ ...all, filter: "missing" }).total).toBe(0);
  // English Dub wanted for this series alone: its episode counts as missing again.
  other.run(`UPDATE series SET languages = '["en"]' WHERE id = ${naruto.id}`);
  expect(s.queries.list(all).rows[0]).toMatchObject({ episodesMissing: 1 });
  other.run(`UPDATE series SET languages = NULL WHERE id = ${naruto.id}`);
  s.settings.update({ languages: ["en", "de"] }); // the global list now offers it
  expect(s.queries.list(all).rows[0]).toMatchObject({ episodesMissing: 1 });
  other.run("DELETE FROM series WHERE folder = 'Naruto'");
  expect(s.queries.list(all).rows.map((r) => r.title)).toEqual(["Attack on Titan"]);
  expectExact(s);
});

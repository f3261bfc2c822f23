import type { Database } from "bun:sqlite";

/** Inserts `count` completed series rows (no files) in one transaction: a large library for list benchmarks. */
export function seedSeries(sqlite: Database, count: number, prefix = "seed"): void {
  const insert = sqlite.prepare(
    `INSERT INTO series (catalog_key, title, folder, year, loading_status, episodes_loaded, nfo_loaded,
       logo_loaded, images_loaded, created_at, updated_at)
     VALUES (?, ?, ?, 2020, 'completed', 1, 1, 1, 1, ?, ?)`,
  );
  const now = Date.now();
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++)
      insert.run(`aniworld:${prefix}-${i}`, `${prefix} series ${i}`, `${prefix} series ${i}`, now, now);
  })();
}

const WORDS = ["Blue", "Dragon", "Night", "Sword", "Academy", "Spirit", "Ocean", "Star", "Iron", "Garden"];

/**
 * A library at scale, generated in SQL (fast enough for 100,000 series × 24 episodes in seconds): titles
 * from a few words plus a number, years 1990–2024, every third series monitored, every 50th failed and
 * every 40th still loading, and 24 catalogue episodes each, a series-dependent share of them on disk, in
 * mixed languages. The counters are one aggregate over the episodes, upserted over the rows the insert trigger created.
 */
export function seedLibrary(sqlite: Database, count: number, episodes: number): void {
  const words = JSON.stringify(WORDS);
  sqlite.transaction(() => {
    sqlite.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO series (id, catalog_key, title, folder, year, monitored, loading_status, episodes_loaded,
         nfo_loaded, logo_loaded, images_loaded, languages, created_at, updated_at)
       SELECT i, 'aniworld:scale-' || i,
         json_extract(?2, '$[' || (i * 7 % 10) || ']') || ' ' || json_extract(?2, '$[' || (i * 3 % 10) || ']') || ' ' || ((i * 7919) % ?1),
         'Scale ' || i, 1990 + i % 35, i % 3 = 0,
         CASE WHEN i % 50 = 0 THEN 'failed' WHEN i % 40 = 0 THEN 'loading_nfo' ELSE 'completed' END,
         i % 40 <> 0, i % 40 <> 0, i % 40 <> 0, i % 40 <> 0,
         CASE WHEN i % 5 = 0 THEN '["en-sub"]' END, i, i
       FROM n`,
      [count, words],
    );
    sqlite.run(
      `WITH RECURSIVE e(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM e WHERE n < ?1)
       INSERT INTO episodes (series_id, season, number, title_de, languages, in_catalog, file_path, updated_at)
       SELECT s.id, 1, e.n, 'Episode ' || e.n,
         CASE (s.id + e.n) % 3 WHEN 0 THEN '["de","de-sub"]' WHEN 1 THEN '["de-sub"]' ELSE '["en-sub"]' END, 1,
         CASE WHEN e.n <= s.id % (?1 + 1) THEN s.folder || '/S01E' || e.n || '.mkv' END, 0
       FROM series s, e`,
      [episodes],
    );
    sqlite.run(
      `INSERT INTO series_counters (series_id, episodes_total, episodes_on_disk, episodes_missing, missing_by_languages)
       SELECT e.series_id, sum(e.in_catalog), count(e.file_path), sum(e.in_catalog = 1 AND e.file_path IS NULL),
         (SELECT json_group_object(m.languages, m.n) FROM (
           SELECT x.languages, count(*) AS n FROM episodes x
           WHERE x.series_id = e.series_id AND x.in_catalog = 1 AND x.file_path IS NULL GROUP BY x.languages) m)
       FROM episodes e WHERE true GROUP BY e.series_id
       ON CONFLICT (series_id) DO UPDATE SET episodes_total = excluded.episodes_total,
         episodes_on_disk = excluded.episodes_on_disk, episodes_missing = excluded.episodes_missing,
         missing_by_languages = excluded.missing_by_languages`,
    );
  })();
}

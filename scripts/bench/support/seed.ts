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

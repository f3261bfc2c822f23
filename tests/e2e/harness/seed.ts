import { Database } from "bun:sqlite";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Writes `count` completed series straight into the database of a stopped server (the schema exists once
 * the executable started there), with folders holding the files of finished steps. Every tenth has markup in its title, to keep rendering honest;
 * `extraTitles` are added as further rows (e.g. hostile catalogue titles).
 */
export function seedSeries(
  dirs: { dataDir: string; library: string },
  count: number,
  extraTitles: string[] = [],
): void {
  const dataDir = dirs.dataDir;
  // The proof files of finished steps, so the loader's startup check sees complete series on disk.
  const folder = (name: string) => {
    const dir = join(dirs.library, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "tvshow.nfo"), "");
    writeFileSync(join(dir, "poster.jpg"), "");
    return name;
  };
  const db = new Database(join(dataDir, "aniworld.db"));
  try {
    const now = Date.now();
    const insert = db.prepare(
      `INSERT INTO series (catalog_key, title, folder, year, loading_status, episodes_loaded, nfo_loaded,
         logo_loaded, images_loaded, monitored, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'completed', 1, 1, 1, 1, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 1; i <= count; i++) {
        const title = i % 10 === 0 ? `Seeded <b>${i}</b>` : `Seeded series ${i}`;
        insert.run(
          `aniworld:seeded-${i}`,
          title,
          folder(`Seeded ${i}`),
          1990 + (i % 35),
          i % 3 === 0 ? 1 : 0,
          now,
          now,
        );
      }
      extraTitles.forEach((title, i) => {
        insert.run(`aniworld:extra-${i}`, title, folder(`Extra ${i}`), 2024, 0, now, now);
      });
    })();
  } finally {
    db.close();
  }
}

import { expect } from "bun:test";
import type { Db } from "../../db/connection.ts";
import { type CountedEpisode, countEpisodes } from "../../db/repositories/series-counters.ts";

/**
 * series.list reads per-series counters that every episode writer must keep right: this compares the stored
 * counters of every series with a fresh count of its episode rows.
 */
export function expectCountersMatchEpisodes(db: Db): void {
  const sqlite = db.$client;
  const ids = sqlite.query<{ id: number }, []>("SELECT id FROM series ORDER BY id").all();
  const rows = sqlite.prepare<CountedEpisode, [number]>(
    "SELECT in_catalog AS inCatalog, file_path AS filePath, languages FROM episodes WHERE series_id = ?",
  );
  const stored = sqlite.prepare<
    { total: number; onDisk: number; missing: number; byLanguages: string },
    [number]
  >(
    `SELECT episodes_total AS total, episodes_on_disk AS onDisk, episodes_missing AS missing,
            missing_by_languages AS byLanguages FROM series_counters WHERE series_id = ?`,
  );
  for (const { id } of ids) {
    const want = countEpisodes(rows.all(id));
    const got = stored.get(id);
    const have = got
      ? {
          total: got.total,
          onDisk: got.onDisk,
          missing: got.missing,
          missingByLanguages: JSON.parse(got.byLanguages),
        }
      : { total: 0, onDisk: 0, missing: 0, missingByLanguages: {} };
    expect({ seriesId: id, ...have }).toEqual({ seriesId: id, ...want });
  }
}

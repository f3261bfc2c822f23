import type { Database, Statement } from "bun:sqlite";

/**
 * The per-series counters of series_counters (db/schema/library-state.ts): how they are computed from a
 * series' episode rows and written. Only the repositories that write episodes use this (see the top of
 * episodes-repository.ts); readers use series-repository.ts.
 */

/** The columns of an episode row the counters depend on (raw SQLite values). */
export interface CountedEpisode {
  inCatalog: number | boolean;
  filePath: string | null;
  /** The episode's `languages` JSON text, used as the key of the missing-by-languages histogram. */
  languages: string;
}

export interface SeriesCounts {
  total: number;
  onDisk: number;
  missing: number;
  missingByLanguages: Record<string, number>;
}

export function countEpisodes(rows: Iterable<CountedEpisode>): SeriesCounts {
  const counts: SeriesCounts = { total: 0, onDisk: 0, missing: 0, missingByLanguages: {} };
  for (const row of rows) {
    const listed = row.inCatalog === true || row.inCatalog === 1;
    if (listed) counts.total++;
    if (row.filePath !== null) counts.onDisk++;
    else if (listed) {
      counts.missing++;
      counts.missingByLanguages[row.languages] = (counts.missingByLanguages[row.languages] ?? 0) + 1;
    }
  }
  return counts;
}

type Args = [number, number, number, number, string];

export class SeriesCountersWriter {
  private readonly upsert: Statement<unknown, Args>;
  private readonly rowsOf: Statement<CountedEpisode, [number]>;

  constructor(sqlite: Database) {
    this.upsert = sqlite.prepare(
      `INSERT INTO series_counters (series_id, episodes_total, episodes_on_disk, episodes_missing, missing_by_languages)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_id) DO UPDATE SET episodes_total = excluded.episodes_total,
         episodes_on_disk = excluded.episodes_on_disk, episodes_missing = excluded.episodes_missing,
         missing_by_languages = excluded.missing_by_languages`,
    );
    this.rowsOf = sqlite.prepare(
      `SELECT in_catalog AS inCatalog, file_path AS filePath, languages FROM episodes WHERE series_id = ?`,
    );
  }

  write(seriesId: number, counts: SeriesCounts): void {
    this.upsert.run(
      seriesId,
      counts.total,
      counts.onDisk,
      counts.missing,
      JSON.stringify(counts.missingByLanguages),
    );
  }

  /** Counts the series' episodes again from the table and stores the result. */
  recount(seriesId: number): SeriesCounts {
    const counts = countEpisodes(this.rowsOf.all(seriesId));
    this.write(seriesId, counts);
    return counts;
  }
}

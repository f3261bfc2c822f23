import { and, eq } from "drizzle-orm";
import type { CatalogEpisode } from "../../shared/catalog.ts";
import type { Db } from "../connection.ts";
import { episodes, type SeriesRow, series } from "../schema/index.ts";

/** Monitored series and the catalogue's episode list merged into the episodes table. */
export class CatalogEpisodeRepository {
  constructor(private readonly db: Db) {}

  monitoredSeries(): SeriesRow[] {
    return this.db.select().from(series).where(eq(series.monitored, true)).all();
  }

  /**
   * Inserts episodes the library does not know yet and refreshes titles and languages of known ones (files
   * on disk are left alone). Returns the ids of the new rows.
   */
  upsert(seriesId: number, list: CatalogEpisode[], now = Date.now()): number[] {
    return this.db.transaction((tx) => {
      const added: number[] = [];
      for (const e of list) {
        const existing = tx
          .select({ id: episodes.id })
          .from(episodes)
          .where(
            and(
              eq(episodes.seriesId, seriesId),
              eq(episodes.season, e.season),
              eq(episodes.number, e.number),
            ),
          )
          .get();
        if (existing) {
          tx.update(episodes)
            .set({
              titleDe: e.titleDe,
              titleEn: e.titleEn,
              languages: e.languages,
              inCatalog: true,
              updatedAt: now,
            })
            .where(eq(episodes.id, existing.id))
            .run();
          continue;
        }
        const row = tx
          .insert(episodes)
          .values({
            seriesId,
            season: e.season,
            number: e.number,
            titleDe: e.titleDe,
            titleEn: e.titleEn,
            languages: e.languages,
            inCatalog: true,
            updatedAt: now,
          })
          .returning({ id: episodes.id })
          .get();
        added.push(row.id);
      }
      return added;
    });
  }
}

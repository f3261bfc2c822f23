import type { Db } from "../../db/connection.ts";
import { series } from "../../db/schema/index.ts";

/** Inserts a bare series row (no loading, no folder on disk) and returns its id. */
export function insertSeriesRow(db: Db, row: { catalogKey: string; title: string; folder: string }): number {
  return db
    .insert(series)
    .values({ ...row, createdAt: 0, updatedAt: 0 })
    .returning({ id: series.id })
    .get().id;
}

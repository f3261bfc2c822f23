import { expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { compileRowMapper } from "../../db/row-mapper.ts";
import { type NewSeriesRow, series } from "../../db/schema/index.ts";
import { databasePerTest } from "../helpers/database-per-test.ts";

const handle = databasePerTest();

test("a raw SELECT * row maps to exactly what drizzle returns (booleans, JSON, nulls, integers)", () => {
  const toRow = compileRowMapper(series);
  const rows: NewSeriesRow[] = [
    { catalogKey: "aniworld:a", title: "A", folder: "A", createdAt: 1, updatedAt: 2 },
    {
      catalogKey: "aniworld:b",
      title: "B <b>",
      folder: "B",
      year: 2001,
      genres: ["Action", "Drama"],
      languages: ["de", "en-sub"],
      monitored: true,
      nfoLoaded: true,
      loadingError: "x",
      tmdbId: 0,
      createdAt: 3,
      updatedAt: 4,
    },
  ];
  for (const values of rows) {
    const { id } = handle().db.insert(series).values(values).returning({ id: series.id }).get();
    const viaDrizzle = handle().db.select().from(series).where(eq(series.id, id)).get();
    const raw = handle()
      .sqlite.query<Record<string, unknown>, [number]>("SELECT * FROM series WHERE id = ?")
      .get(id)!;
    expect(toRow(raw)).toStrictEqual(viaDrizzle!);
  }
});

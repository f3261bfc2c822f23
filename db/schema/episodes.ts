import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LANGUAGES, type Language } from "../../shared/languages.ts";
import { series } from "./series.ts";

/** An episode the catalogue lists and/or a file found on disk. Season 0 = films and specials. */
export const episodes = sqliteTable(
  "episodes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    season: integer("season").notNull(),
    number: integer("number").notNull(),
    titleDe: text("title_de"),
    titleEn: text("title_en"),
    /** Languages the catalogue offers for this episode, e.g. ["de","de-sub","en-sub"]. */
    languages: text("languages", { mode: "json" }).$type<Language[]>().notNull().default(sql`'[]'`),
    airDate: text("air_date"),
    /** True when the catalogue lists the episode (false = only known from a file on disk). */
    inCatalog: integer("in_catalog", { mode: "boolean" }).notNull().default(true),
    /** Unmonitored episodes are left out of Wanted, "download missing" and the monitor check. */
    monitored: integer("monitored", { mode: "boolean" }).notNull().default(true),
    filePath: text("file_path"),
    fileSize: integer("file_size"),
    fileLanguage: text("file_language", { enum: LANGUAGES }),
    updatedAt: integer("updated_at").notNull(),
  },
  // The unique index also serves lookups by series alone (its first column); a separate series index would
  // only cost every episode insert.
  (t) => [uniqueIndex("episodes_series_season_number_unique").on(t.seriesId, t.season, t.number)],
);

export type EpisodeRow = typeof episodes.$inferSelect;
export type NewEpisodeRow = typeof episodes.$inferInsert;

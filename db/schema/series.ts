import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Language } from "../../shared/languages.ts";
import { LOADING_STATUSES } from "../../shared/series-loading.ts";

/** One series in the library: catalogue identity, folder on disk and background-loading progress. */
export const series = sqliteTable(
  "series",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    catalogKey: text("catalog_key").notNull(),
    title: text("title").notNull(),
    /** Relative to the library root; never absolute, never containing "..". */
    folder: text("folder").notNull(),
    year: integer("year"),
    endYear: integer("end_year"),
    description: text("description"),
    coverUrl: text("cover_url"),
    genres: text("genres", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    imdbId: text("imdb_id"),
    tmdbId: integer("tmdb_id"),
    monitored: integer("monitored", { mode: "boolean" }).notNull().default(false),
    /** Ordered language preference, e.g. ["de","de-sub","en-sub"]; null = global default. */
    languages: text("languages", { mode: "json" }).$type<Language[] | null>(),
    loadingStatus: text("loading_status", { enum: LOADING_STATUSES }).notNull().default("pending"),
    episodesLoaded: integer("episodes_loaded", { mode: "boolean" }).notNull().default(false),
    nfoLoaded: integer("nfo_loaded", { mode: "boolean" }).notNull().default(false),
    logoLoaded: integer("logo_loaded", { mode: "boolean" }).notNull().default(false),
    /** The logo step found no logo to write (TMDB has none in a usable language): no logo.png is expected. */
    logoUnavailable: integer("logo_unavailable", { mode: "boolean" }).notNull().default(false),
    imagesLoaded: integer("images_loaded", { mode: "boolean" }).notNull().default(false),
    loadingStartedAt: integer("loading_started_at"),
    loadingCompletedAt: integer("loading_completed_at"),
    loadingError: text("loading_error"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("series_catalog_key_unique").on(t.catalogKey),
    uniqueIndex("series_folder_unique").on(t.folder),
    // series.list windows (db/repositories/series-list-query.ts): each sort reads its index in order and
    // each filter count is an index range, so a window costs the same at 100 and at 100,000 series. The
    // status index also carries every sort key of the series row, so the rare status filters (loading,
    // failed) find and sort their matches inside it, whatever the sort.
    index("series_status_title_idx").on(t.loadingStatus, sql`${t.title} COLLATE NOCASE`, t.id, t.year),
    index("series_title_idx").on(sql`${t.title} COLLATE NOCASE`, t.id),
    index("series_year_idx").on(sql`${t.year} DESC`, sql`${t.title} COLLATE NOCASE`),
    index("series_monitored_idx").on(t.monitored),
  ],
);

export type SeriesRow = typeof series.$inferSelect;
export type NewSeriesRow = typeof series.$inferInsert;

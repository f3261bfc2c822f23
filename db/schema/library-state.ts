import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { series } from "./series.ts";

/**
 * Per-series episode counters, so series.list over 10,000 series reads one row per series instead of
 * aggregating every episode. Kept exact by db/repositories/episodes-repository.ts (every method that
 * writes episodes.in_catalog / file_path / languages updates them in the same transaction). A series
 * without a row has no episodes.
 */
export const seriesCounters = sqliteTable(
  "series_counters",
  {
    seriesId: integer("series_id")
      .primaryKey()
      .references(() => series.id, { onDelete: "cascade" }),
    /** Episodes the catalogue lists (in_catalog). */
    episodesTotal: integer("episodes_total").notNull().default(0),
    /** Episodes with a file. */
    episodesOnDisk: integer("episodes_on_disk").notNull().default(0),
    /** Catalogue episodes without a file ("any" missing mode). */
    episodesMissing: integer("episodes_missing").notNull().default(0),
    /**
     * The missing episodes counted by their `languages` JSON text ('["de","en-sub"]' → 3), so the
     * "preferred" mode is a sum over a handful of keys for whatever preference applies at read time.
     */
    missingByLanguages: text("missing_by_languages", { mode: "json" })
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'`),
    /**
     * Catalogue episodes without a file offered in a preferred language ("preferred" missing mode): the
     * histogram summed over the keys that share a language with the series' own list or, when it has none,
     * the global `languages` setting. Kept by triggers (migration 0003), so every writer, the worker's
     * connection included, leaves it right, and series.list can filter and sort on it through an index.
     */
    episodesMissingPreferred: integer("episodes_missing_preferred").notNull().default(0),
  },
  (t) => [
    index("series_counters_missing_idx").on(t.episodesMissing),
    index("series_counters_missing_preferred_idx").on(t.episodesMissingPreferred),
  ],
);

/**
 * What the last scan saw in each series folder (mtimes of the folder and its subfolders, and the outcome),
 * so the first scan after a restart skips folders that did not change. Written in the same transaction as
 * the folder's episodes.
 */
export const libraryFolderState = sqliteTable("library_folder_state", {
  folder: text("folder").primaryKey(),
  /** JSON: relative subfolder ("" = the series folder) → mtime in ms. */
  mtimes: text("mtimes").notNull(),
  /** JSON: the scan's FolderOutcome for the folder (server/library/scan-persister.ts). */
  outcome: text("outcome").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type SeriesCountersRow = typeof seriesCounters.$inferSelect;
export type LibraryFolderStateRow = typeof libraryFolderState.$inferSelect;

/**
 * Video files in a series folder that the scan could not attach to an episode: no number in the name, an
 * absolute number beyond the catalogue, or a second file for an episode that already has one. Replaced per
 * series folder on every complete scan of it, so the series page can list them instead of dropping them.
 */
export const unmatchedFiles = sqliteTable(
  "unmatched_files",
  {
    /** Relative to the library root, "/"-separated. */
    path: text("path").primaryKey(),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: ["no-number", "not-in-catalogue", "duplicate"] }).notNull(),
    /** What the parser read, for display ("S02E14", "absolute 130"); null when it read nothing. */
    reading: text("reading"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("unmatched_files_series_idx").on(t.seriesId)],
);

export type UnmatchedFileRow = typeof unmatchedFiles.$inferSelect;

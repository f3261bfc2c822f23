import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Key/value settings; values are JSON validated by the settings schema in shared/. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Append-only event log. Subscriptions resume from `lastEventId` by reading rows with a larger id.
 * `topic` is the event family (e.g. "series.loading", "download.progress").
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topic: text("topic").notNull(),
    seriesId: integer("series_id"),
    downloadId: integer("download_id"),
    payload: text("payload", { mode: "json" }).$type<unknown>().notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("events_topic_id_idx").on(t.topic, t.id), index("events_series_idx").on(t.seriesId, t.id)],
);

import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { series } from "./series.ts";

/**
 * Media servers and notification targets (shared/connections.ts). `secret` is kept in clear because it
 * must be sent to the other service; the API never returns it. `settings` is JSON validated by
 * ConnectionSettingsSchema. The last_* columns hold the outcome of the last delivery or test.
 */
export const connections = sqliteTable("connections", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  settings: text("settings", { mode: "json" }).$type<unknown>().notNull(),
  secret: text("secret").notNull().default(""),
  lastOk: integer("last_ok", { mode: "boolean" }),
  lastAt: integer("last_at"),
  lastWhat: text("last_what"),
  lastMessage: text("last_message"),
  lastAttempts: integer("last_attempts"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type ConnectionRow = typeof connections.$inferSelect;

/**
 * Work for connections not done yet, kept so a restart resumes it: `notify` and `refresh` rows are
 * deliveries to one connection (`payload`: the notification, or the paths to refresh) with the attempts
 * made and when the next is due; a `batch` row is a series whose media-server refresh waits for its batch
 * (no connection yet: the flush decides which media servers get it).
 */
export const pendingDeliveries = sqliteTable("pending_deliveries", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  kind: text("kind", { enum: ["notify", "refresh", "batch"] }).notNull(),
  connectionId: integer("connection_id").references(() => connections.id, { onDelete: "cascade" }),
  seriesId: integer("series_id").references(() => series.id, { onDelete: "cascade" }),
  what: text("what").notNull(),
  payload: text("payload", { mode: "json" }).$type<unknown>().notNull(),
  attempts: integer("attempts").notNull().default(0),
  dueAt: integer("due_at").notNull(),
  createdAt: integer("created_at").notNull(),
});

export type PendingDeliveryRow = typeof pendingDeliveries.$inferSelect;

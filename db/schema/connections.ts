import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

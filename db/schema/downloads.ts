import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DOWNLOAD_STATES } from "../../shared/downloads.ts";
import { LANGUAGES } from "../../shared/languages.ts";
import { episodes } from "./episodes.ts";

/** One queued or finished download of one episode. */
export const downloads = sqliteTable(
  "downloads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    episodeId: integer("episode_id")
      .notNull()
      .references(() => episodes.id, { onDelete: "cascade" }),
    /** queued | resolving | downloading | paused | completed | failed | cancelled */
    state: text("state", { enum: DOWNLOAD_STATES }).notNull().default("queued"),
    /** Queue order; lower runs first. */
    position: integer("position").notNull().default(0),
    language: text("language", { enum: LANGUAGES }),
    hoster: text("hoster"),
    bytesDone: integer("bytes_done").notNull().default(0),
    bytesTotal: integer("bytes_total"),
    attempts: integer("attempts").notNull().default(0),
    /** Reason per attempt: [{hoster, language, error, at}]. */
    attemptLog: text("attempt_log", { mode: "json" })
      .$type<{ hoster: string; language: string; error: string; at: number }[]>()
      .notNull()
      .default(sql`'[]'`),
    error: text("error"),
    targetPath: text("target_path"),
    /**
     * The outermost folder (relative to the library root) the download made for its file, e.g. a new
     * season's; removed again, when it holds nothing, if the download is cancelled or its series removed.
     */
    createdFolder: text("created_folder"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("downloads_state_position_idx").on(t.state, t.position),
    index("downloads_episode_idx").on(t.episodeId),
  ],
);

export type DownloadRow = typeof downloads.$inferSelect;
export type NewDownloadRow = typeof downloads.$inferInsert;

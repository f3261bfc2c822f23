import * as v from "valibot";
import { type Language, LanguageSchema } from "./languages.ts";

/** Lifecycle of one download (downloads.state). */
export const DOWNLOAD_STATES = [
  "queued",
  "resolving",
  "downloading",
  "paused",
  "completed",
  "failed",
  "cancelled",
] as const;
export type DownloadState = (typeof DOWNLOAD_STATES)[number];
/** States that hold the episode's one active download slot. */
export const ACTIVE_STATES: readonly DownloadState[] = ["queued", "resolving", "downloading", "paused"];
export const FINISHED_STATES: readonly DownloadState[] = ["completed", "failed", "cancelled"];

export interface AttemptRecord {
  hoster: string;
  language: string;
  /** "" for a success. */
  error: string;
  at: number;
  /** true when this hoster delivered the file (absent on older records: a failure). */
  ok?: boolean;
  /** Why it failed, as a short code (blocked, refused, parse, not_found, …). */
  reason?: string;
}

/** The tries that did not deliver (the log also records the one that did). */
export function failedAttempts<T extends Pick<AttemptRecord, "ok">>(log: readonly T[]): T[] {
  return log.filter((a) => a.ok !== true);
}

/** One queue row as the API shows it. */
export interface DownloadItem {
  id: number;
  episodeId: number;
  seriesId: number;
  seriesTitle: string;
  season: number;
  episode: number;
  episodeTitle: string | null;
  state: DownloadState;
  position: number;
  language: Language | null;
  hoster: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes per second while downloading, else 0. */
  speed: number;
  /** Seconds left, null when unknown. */
  etaSeconds: number | null;
  attempts: number;
  attemptLog: AttemptRecord[];
  error: string | null;
  /** For completed items: something the user should know (e.g. kept as .ts without ffmpeg). */
  note: string | null;
  /** Relative to the library root once known. */
  targetPath: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** The fields of a queue item that progress events change (every DownloadItem has them). */
export interface QueueProgressFields {
  id: number;
  state: string;
  bytesDone: number;
  bytesTotal: number | null;
  speed: number;
  etaSeconds: number | null;
}

/** What a queue's progress stream yields: a snapshot first, then changes. */
export type QueueEvent<T extends QueueProgressFields> =
  | { type: "snapshot"; items: T[] }
  | { type: "item"; item: T }
  | {
      type: "progress";
      id: number;
      bytesDone: number;
      bytesTotal: number | null;
      speed: number;
      etaSeconds: number | null;
    }
  | { type: "removed"; ids: number[] };

/** What `downloads.progress` yields. */
export type DownloadEvent = QueueEvent<DownloadItem>;

const Id = v.pipe(v.number(), v.integer(), v.minValue(1));

export const EnqueueInputSchema = v.union([
  v.strictObject({ episodeIds: v.pipe(v.array(Id), v.minLength(1), v.maxLength(5000)) }),
  v.strictObject({
    seriesId: Id,
    season: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000))),
  }),
  v.strictObject({ all: v.literal(true) }),
  /** One episode from the source the user picked (tried first; the usual order follows if it fails). */
  v.strictObject({
    episodeId: Id,
    source: v.strictObject({
      language: LanguageSchema,
      hoster: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
    }),
  }),
  /** The missing episodes of many series (the library page's bulk "download missing"). */
  v.strictObject({
    seriesIds: v.pipe(
      v.array(Id),
      v.minLength(1),
      v.maxLength(100_000),
      v.check((ids) => new Set(ids).size === ids.length, "each series at most once"),
    ),
  }),
]);
export type EnqueueInput = v.InferOutput<typeof EnqueueInputSchema>;

export const DownloadIdSchema = v.strictObject({ id: Id });
/** pause/resume: one item, or all of them when no id is given. */
export const OptionalDownloadIdSchema = v.strictObject({ id: v.optional(Id) });
/** Moves an item to `position` (0 = first) among the waiting items. */
export const MoveInputSchema = v.strictObject({
  id: Id,
  position: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export interface EnqueueResult {
  queued: number[];
  skipped: { episodeId: number; reason: string }[];
}

export const EpisodeSourcesInputSchema = v.strictObject({ episodeId: Id });

/** One hoster link of an episode as the catalogue offers it now. */
export interface EpisodeSource {
  language: Language;
  hoster: string;
  /** The download code knows how to read this hoster. */
  supported: boolean;
}

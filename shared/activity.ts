/** Inputs and rows of the activity views: download history, wanted (missing) episodes and the calendar. */
import * as v from "valibot";
import type { Language } from "./languages.ts";

const Id = v.pipe(v.number(), v.integer(), v.minValue(1));
const Limit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)), 100);
const Offset = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0);
/** A calendar day, "2026-11-26". */
export const DaySchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-11-26"));

export const HISTORY_RESULTS = ["completed", "failed", "cancelled"] as const;
export type HistoryResult = (typeof HISTORY_RESULTS)[number];

export const HistoryInputSchema = v.strictObject({
  seriesId: v.optional(Id),
  episodeId: v.optional(Id),
  result: v.optional(v.picklist(HISTORY_RESULTS)),
  /** Finished on or after this day (UTC). */
  from: v.optional(DaySchema),
  /** Finished on or before this day (UTC). */
  to: v.optional(DaySchema),
  limit: Limit,
  offset: Offset,
});
export type HistoryInput = v.InferInput<typeof HistoryInputSchema>;

/** Removing history: some rows by id, or everything matching no filter (all). */
export const RemoveHistoryInputSchema = v.union([
  v.strictObject({ ids: v.pipe(v.array(Id), v.minLength(1), v.maxLength(5000)) }),
  v.strictObject({ all: v.literal(true) }),
]);

export interface HistoryRow {
  id: number;
  episodeId: number;
  seriesId: number;
  seriesTitle: string;
  season: number;
  episode: number;
  episodeTitle: string | null;
  result: HistoryResult;
  language: Language | null;
  hoster: string | null;
  attempts: { hoster: string; language: string; error: string; at: number }[];
  error: string | null;
  targetPath: string | null;
  bytes: number | null;
  createdAt: number;
  finishedAt: number | null;
}

export const WANTED_SORTS = ["airDate", "series", "episode"] as const;
export const WantedInputSchema = v.strictObject({
  seriesId: v.optional(Id),
  /** Part of the series or episode title. */
  search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  sort: v.optional(v.picklist(WANTED_SORTS), "airDate"),
  descending: v.optional(v.boolean(), true),
  limit: Limit,
  offset: Offset,
});
export type WantedInput = v.InferInput<typeof WantedInputSchema>;

export interface EpisodeListing {
  episodeId: number;
  seriesId: number;
  seriesTitle: string;
  season: number;
  episode: number;
  title: string | null;
  airDate: string | null;
  languages: string[];
  onDisk: boolean;
}

export const CalendarInputSchema = v.strictObject({
  from: DaySchema,
  to: DaySchema,
  /** Only monitored series (the default, as in the calendar view). */
  monitoredOnly: v.optional(v.boolean(), true),
});
export type CalendarInput = v.InferInput<typeof CalendarInputSchema>;

/** One page of rows and how many match in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

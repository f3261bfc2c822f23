import * as v from "valibot";
import { CatalogKeySchema } from "./catalog.ts";
import { LastEventIdSchema } from "./events.ts";
import { LanguageSchema } from "./languages.ts";

/** Background loading of one series: `pending → loading_episodes → … → completed | failed`. */
export const LOADING_STEPS = ["episodes", "nfo", "logo", "images"] as const;
export type LoadingStep = (typeof LOADING_STEPS)[number];
export const LoadingStepSchema = v.picklist(LOADING_STEPS);

export const LOADING_STATUSES = [
  "pending",
  "loading_episodes",
  "loading_nfo",
  "loading_logo",
  "loading_images",
  "completed",
  "failed",
] as const;
export type LoadingStatus = (typeof LOADING_STATUSES)[number];

export function statusOfStep(step: LoadingStep): LoadingStatus {
  return `loading_${step}`;
}

export interface LoadingProgress {
  episodes: boolean;
  nfo: boolean;
  logo: boolean;
  images: boolean;
}

/**
 * What `series.loadingStatus` yields for one series. `status` is "removed" once the series was deleted,
 * so every open view can drop it.
 */
export interface LoadingStatusUpdate {
  seriesId: number;
  status: LoadingStatus | "removed";
  progress: LoadingProgress;
  /** The failure message (naming the step and the cause) when failed, else null. */
  message: string | null;
  timestamp: number;
}

const Id = v.pipe(v.number(), v.integer(), v.minValue(1));

const SeriesLanguagesSchema = v.nullable(
  v.pipe(
    v.array(LanguageSchema),
    v.minLength(1, "at least one language (or null for the global default)"),
    v.check((list) => new Set(list).size === list.length, "each language at most once"),
  ),
);

/** Adding a series, with the choices the add form offers (all optional: the defaults are the old behaviour). */
export const AddSeriesInputSchema = v.object({
  catalogKey: CatalogKeySchema,
  /** Watch for new episodes on schedule (default: no). */
  monitored: v.optional(v.boolean()),
  /** The series' own language order; null or absent = the global one. */
  languages: v.optional(SeriesLanguagesSchema),
  /** Queue every missing episode as soon as the episode list has loaded. */
  downloadMissing: v.optional(v.boolean()),
});
export type AddSeriesOptions = Omit<v.InferOutput<typeof AddSeriesInputSchema>, "catalogKey">;
export const RemoveSeriesInputSchema = v.object({ id: Id, deleteFiles: v.optional(v.boolean(), false) });
export const RetryLoadingInputSchema = v.object({ id: Id });
export const SetMonitoredInputSchema = v.object({ id: Id, monitored: v.boolean() });
/** A series' own language order (best first; known codes, each once, at least one); null = the global default. */
export const SetLanguagesInputSchema = v.object({
  id: Id,
  languages: SeriesLanguagesSchema,
});
export const LoadingStatusInputSchema = v.object({
  seriesId: v.optional(Id),
  lastEventId: LastEventIdSchema,
});
export type LoadingStatusInput = v.InferOutput<typeof LoadingStatusInputSchema>;

export const OrganizeInputSchema = v.object({ id: Id });

/** What "organize" would rename: the series folder and each episode file, to the naming templates. */
export interface OrganizePlan {
  folder: { from: string; to: string } | null;
  files: { episodeId: number; from: string; to: string }[];
  /** Why some of it cannot be done now (the folder name is taken, a file is shared by two episodes…). */
  notes: string[];
}

/** Monitoring of single episodes of one series (unmonitored ones are not wanted or fetched). */
export const SetEpisodesMonitoredInputSchema = v.object({
  seriesId: Id,
  episodeIds: v.pipe(v.array(Id), v.minLength(1), v.maxLength(5000)),
  monitored: v.boolean(),
});

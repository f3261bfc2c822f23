import * as v from "valibot";
import { LanguageSchema } from "./languages.ts";
import { LoadingStepSchema } from "./series-loading.ts";

/**
 * The only messages the loader worker and the main thread exchange. Both sides validate every message
 * with these schemas (a worker is a boundary like any other).
 */
const Int = v.pipe(v.number(), v.integer());
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const NullableYear = v.nullable(Int);

export const CatalogSeriesDetailsSchema = v.object({
  slug: Text(200),
  title: Text(500),
  alternativeTitles: v.array(Text(500)),
  startYear: NullableYear,
  endYear: NullableYear,
  description: Text(20_000),
  genres: v.array(Text(100)),
  coverUrl: v.nullable(Text(2_000)),
  backdropUrl: v.nullable(Text(2_000)),
  ageRating: v.nullable(Int),
  imdbId: v.nullable(Text(20)),
  seasons: v.array(Int),
});

export const CatalogEpisodeSchema = v.object({
  season: Int,
  number: Int,
  titleDe: v.nullable(Text(1_000)),
  titleEn: v.nullable(Text(1_000)),
  languages: v.array(LanguageSchema),
  hosters: v.array(Text(100)),
});

export const SeriesIdentitySchema = v.object({
  catalogKey: Text(220),
  title: Text(500),
  year: NullableYear,
  imdbId: v.nullable(Text(20)),
  tmdbId: v.nullable(Int),
});

/** Provider settings the worker needs; sent at start and whenever a setting changes. */
export const LoaderWorkerConfigSchema = v.object({
  libraryRoot: Text(4_096),
  catalogUrl: Text(2_000),
  tmdbUrl: Text(2_000),
  tmdbImageUrl: Text(2_000),
  tmdbApiKey: Text(512),
  metadataLanguage: Text(10),
  /**
   * The main thread's provider token buckets by host (their shared state): the worker takes tokens from
   * them directly, so the catalogue/TMDB rates hold across every thread without a message per request.
   */
  rates: v.record(Text(300), v.instance(SharedArrayBuffer)),
  /** Attempts per step (1 = no retry) and the first backoff delay; doubled per attempt. */
  stepAttempts: v.pipe(Int, v.minValue(1), v.maxValue(10)),
  retryBaseMs: v.pipe(Int, v.minValue(0), v.maxValue(60_000)),
  /** Where copies of unreadable catalogue pages go (null = none). */
  pageCopyDir: v.nullable(Text(4_096)),
  /** The outbound layer's configuration (see server/providers/net/outbound.ts). */
  network: v.object({
    allowPrivateHosts: v.boolean(),
    proxyUrl: Text(2_000),
    flaresolverrUrl: Text(2_000),
    cookieFile: v.nullable(Text(4_096)),
    trustedOrigins: v.array(Text(2_000)),
  }),
});
export type LoaderWorkerConfig = v.InferOutput<typeof LoaderWorkerConfigSchema>;

export const LoadJobSchema = v.object({
  jobId: Int,
  seriesId: Int,
  slug: Text(200),
  /** Folder relative to the library root (the worker resolves it and refuses anything outside). */
  folder: Text(1_000),
  identity: SeriesIdentitySchema,
  /** The steps still to do, in order; files found on disk let the worker skip a step. */
  steps: v.array(LoadingStepSchema),
  /** The worker made the folder ahead of the job (a new series, see prepareFolders): skip making it again. */
  folderPrepared: v.boolean(),
  /** Seasons of the stored episodes: whose air dates to read when no step of the job reads the catalogue. */
  seasons: v.array(Int),
});
export type LoadJob = v.InferOutput<typeof LoadJobSchema>;

export const ToWorkerSchema = v.variant("type", [
  v.object({ type: v.literal("configure"), config: LoaderWorkerConfigSchema }),
  v.object({ type: v.literal("load"), job: LoadJobSchema }),
  v.object({ type: v.literal("cancel"), jobId: Int }),
  /**
   * Creates new series' folders and sidecars at once, ahead of the job queue (their jobs must wait for a
   * slot); the adds of one event-loop turn travel in one message.
   */
  v.object({
    type: v.literal("prepareFolders"),
    folders: v.pipe(
      v.array(v.object({ seriesId: Int, folder: Text(1_000), identity: SeriesIdentitySchema })),
      v.maxLength(10_000),
    ),
  }),
  v.object({ type: v.literal("shutdown") }),
]);
export type ToWorker = v.InferOutput<typeof ToWorkerSchema>;

export const EpisodesStepResultSchema = v.object({
  step: v.literal("episodes"),
  details: CatalogSeriesDetailsSchema,
  episodes: v.array(CatalogEpisodeSchema),
});
export const NfoStepResultSchema = v.object({
  step: v.literal("nfo"),
  tmdbId: v.nullable(Int),
  imdbId: v.nullable(Text(20)),
});
/** `unavailable`: TMDB was asked and has no logo in a usable language, so there is no logo.png. */
export const LogoStepResultSchema = v.object({ step: v.literal("logo"), unavailable: v.boolean() });
export const ImagesStepResultSchema = v.object({ step: v.literal("images") });
export const StepResultSchema = v.variant("step", [
  EpisodesStepResultSchema,
  NfoStepResultSchema,
  LogoStepResultSchema,
  ImagesStepResultSchema,
]);
export type StepResult = v.InferOutput<typeof StepResultSchema>;

/** One episode's first air date (YYYY-MM-DD), as TMDB lists it. */
export const AirDateSchema = v.object({ season: Int, number: Int, airDate: v.pipe(v.string(), v.isoDate()) });
export type AirDate = v.InferOutput<typeof AirDateSchema>;

export const FromWorkerSchema = v.variant("type", [
  v.object({ type: v.literal("ready") }),
  v.object({ type: v.literal("stepStarted"), jobId: Int, step: LoadingStepSchema }),
  /** The step's files are fully written (or were already on disk: `skipped`). */
  v.object({ type: v.literal("stepDone"), jobId: Int, result: StepResultSchema, skipped: v.boolean() }),
  v.object({
    type: v.literal("stepRetrying"),
    jobId: Int,
    step: LoadingStepSchema,
    attempt: Int,
    delayMs: Int,
    error: Text(2_000),
  }),
  v.object({ type: v.literal("jobFailed"), jobId: Int, step: LoadingStepSchema, message: Text(2_000) }),
  /**
   * Episode air dates from TMDB, read at the end of each job of a matched series (only with a TMDB key);
   * `error` says why they could not be read (the job goes on).
   */
  v.object({
    type: v.literal("airDates"),
    jobId: Int,
    dates: v.pipe(v.array(AirDateSchema), v.maxLength(20_000)),
    error: v.nullable(Text(2_000)),
  }),
  v.object({ type: v.literal("jobFinished"), jobId: Int, cancelled: v.boolean() }),
  /** The answer to one `prepareFolders`: each series with null or why its folder could not be made. */
  v.object({
    type: v.literal("foldersPrepared"),
    results: v.array(v.object({ seriesId: Int, error: v.nullable(Text(2_000)) })),
  }),
  v.object({ type: v.literal("stopped") }),
]);
export type FromWorker = v.InferOutput<typeof FromWorkerSchema>;

/**
 * What the worker posts: the messages of a short window together (see worker-runtime.ts), so the main
 * thread receives, checks and persists a job's step results in one go.
 */
export const FromWorkerBatchSchema = v.pipe(v.array(FromWorkerSchema), v.minLength(1), v.maxLength(10_000));

import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { CatalogSeriesDetails, SeriesIdentity } from "../../shared/catalog.ts";
import type { FromWorker, LoaderWorkerConfig, LoadJob, StepResult } from "../../shared/loader-messages.ts";
import type { LoadingStep } from "../../shared/series-loading.ts";
import { isTemporaryName } from "../fs/atomic-write.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import { messageOf } from "../lib/error-message.ts";
import { isAbort, withRetry } from "../lib/retry.ts";
import { readSeriesSidecar, writeSeriesSidecar } from "../library/series-sidecar.ts";
import type { CatalogProvider, MetadataStepInput, MetadataWriter } from "../providers/contracts.ts";

export interface LoaderProviders {
  catalog: CatalogProvider;
  metadata: MetadataWriter;
}

export interface JobContext {
  job: LoadJob;
  config: LoaderWorkerConfig;
  providers: LoaderProviders;
  signal: AbortSignal;
  post: (message: FromWorker) => void;
}

/** Files whose presence means a step has nothing left to load. */
const FILES_OF_STEP: Record<Exclude<LoadingStep, "episodes">, string[]> = {
  nfo: ["tvshow.nfo"],
  logo: ["logo.png"],
  images: ["poster.jpg", "fanart.jpg"],
};

/**
 * Loads one series inside the worker: its steps in order, each retried with backoff, each reported to the
 * main thread only once its files are completely written (atomic writes). Aborting (delete, shutdown)
 * stops at the next await; a write in progress either lands whole or not at all.
 */
export async function runSeriesJob(ctx: JobContext): Promise<void> {
  const { job, post, signal } = ctx;
  let step: LoadingStep = job.steps[0] ?? "episodes";
  try {
    const seriesDir = resolveInsideRoot(ctx.config.libraryRoot, job.folder);
    // Also the cleanup after a crash (temporary files); a folder made ahead of its first job has none.
    if (!job.folderPrepared) prepareFolder(seriesDir, job.identity);
    let identity = job.identity;
    let details: CatalogSeriesDetails | null = null;
    for (step of job.steps) {
      signal.throwIfAborted();
      if (step !== "episodes" && (await allExist(seriesDir, FILES_OF_STEP[step]))) {
        post({ type: "stepDone", jobId: job.jobId, result: skippedResult(step, identity), skipped: true });
        continue;
      }
      post({ type: "stepStarted", jobId: job.jobId, step });
      const current = step;
      const result = await withRetry(
        async () => {
          if (current === "episodes") return loadEpisodes(ctx, seriesDir, identity);
          details ??= await ctx.providers.catalog.getSeries(job.slug, signal);
          return writeMetadata(ctx, current, { seriesDir, identity, details, seasons: details.seasons });
        },
        { attempts: ctx.config.stepAttempts, baseMs: ctx.config.retryBaseMs },
        {
          signal,
          onRetry: ({ attempt, delayMs, error }) =>
            post({
              type: "stepRetrying",
              jobId: job.jobId,
              step: current,
              attempt,
              delayMs,
              error: text(error),
            }),
        },
      );
      if (result.step === "episodes") {
        details = result.details;
        identity = identityFrom(identity, details);
      } else if (result.step === "nfo") {
        identity = {
          ...identity,
          tmdbId: result.tmdbId ?? identity.tmdbId,
          imdbId: result.imdbId ?? identity.imdbId,
        };
      }
      post({ type: "stepDone", jobId: job.jobId, result, skipped: false });
    }
    if (identity.tmdbId !== null) await readAirDates(ctx, identity.tmdbId, details?.seasons ?? job.seasons);
    post({ type: "jobFinished", jobId: job.jobId, cancelled: false });
  } catch (error) {
    if (signal.aborted || isAbort(error)) {
      post({ type: "jobFinished", jobId: job.jobId, cancelled: true });
      return;
    }
    post({ type: "jobFailed", jobId: job.jobId, step, message: `${step} step failed: ${text(error)}` });
  }
}

/**
 * Air dates (for Wanted and the calendar) are read each time a matched series' loading completes. They are
 * not a step: reading them fails nothing, the next load tries again.
 */
async function readAirDates(ctx: JobContext, tmdbId: number, seasons: readonly number[]): Promise<void> {
  const { jobId } = ctx.job;
  try {
    const dates = await ctx.providers.metadata.airDates(
      tmdbId,
      seasons.filter((n) => n > 0),
      ctx.signal,
    );
    if (dates.length) ctx.post({ type: "airDates", jobId, dates, error: null });
  } catch (error) {
    if (ctx.signal.aborted || isAbort(error)) throw error;
    ctx.post({ type: "airDates", jobId, dates: [], error: text(error) });
  }
}

async function loadEpisodes(
  ctx: JobContext,
  seriesDir: string,
  identity: SeriesIdentity,
): Promise<StepResult> {
  const { catalog } = ctx.providers;
  const details = await catalog.getSeries(ctx.job.slug, ctx.signal);
  const episodes = [];
  for (const season of details.seasons)
    episodes.push(...(await catalog.getEpisodes(ctx.job.slug, season, ctx.signal)));
  // The sidecar now carries the catalogue's title and year, so a rescan without the database knows them.
  const next = identityFrom(identity, details);
  writeSeriesSidecar(seriesDir, { catalogKey: next.catalogKey, title: next.title, year: next.year });
  return { step: "episodes", details, episodes };
}

async function writeMetadata(
  ctx: JobContext,
  step: Exclude<LoadingStep, "episodes">,
  input: MetadataStepInput,
) {
  const { metadata } = ctx.providers;
  if (step === "nfo") {
    const ids = await metadata.writeNfo(input, ctx.signal);
    return { step, tmdbId: ids.tmdbId, imdbId: ids.imdbId } satisfies StepResult;
  }
  if (step === "logo") {
    const outcome = await metadata.writeLogo(input, ctx.signal);
    // Only TMDB has logos: without a key none was asked for, and one added later should still bring it.
    const asked = ctx.config.tmdbApiKey.length > 0;
    return { step, unavailable: asked && outcome === "unavailable" } satisfies StepResult;
  }
  await metadata.writeImages(input, ctx.signal);
  return { step } satisfies StepResult;
}

function identityFrom(identity: SeriesIdentity, details: CatalogSeriesDetails): SeriesIdentity {
  return {
    ...identity,
    title: details.title.trim() || identity.title,
    year: details.startYear ?? identity.year,
    imdbId: details.imdbId ?? identity.imdbId,
  };
}

function skippedResult(step: Exclude<LoadingStep, "episodes">, identity: SeriesIdentity): StepResult {
  if (step === "nfo") return { step, tmdbId: identity.tmdbId, imdbId: identity.imdbId };
  return step === "logo" ? { step, unavailable: false } : { step };
}

/**
 * The series folder with its sidecar, and no temporary files left by a crash. Blocking: it runs on the
 * loader worker's background-priority thread (creating a folder and a file costs ~1 ms of kernel time on
 * some file systems, which the runtime's shared I/O threads would spend at normal priority).
 */
export function prepareFolder(seriesDir: string, identity: SeriesIdentity): void {
  mkdirSync(seriesDir, { recursive: true });
  removeTemporaryFiles(seriesDir, 2);
  if (!readSeriesSidecar(seriesDir))
    writeSeriesSidecar(seriesDir, {
      catalogKey: identity.catalogKey,
      title: identity.title,
      year: identity.year,
    });
}

function removeTemporaryFiles(dir: string, depth: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && isTemporaryName(entry.name)) rmSync(join(dir, entry.name), { force: true });
    else if (entry.isDirectory() && depth > 1) removeTemporaryFiles(join(dir, entry.name), depth - 1);
  }
}

async function allExist(dir: string, names: string[]): Promise<boolean> {
  for (const name of names) if (!(await Bun.file(join(dir, name)).exists())) return false;
  return true;
}

function text(error: unknown): string {
  const message = messageOf(error);
  return message.length > 1_500 ? `${message.slice(0, 1_500)}…` : message;
}

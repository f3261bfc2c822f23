import { join } from "node:path";
import type { Db } from "../../db/connection.ts";
import {
  LoadingRepository,
  type LoadingResult,
  missingSteps,
} from "../../db/repositories/loading-repository.ts";
import { type SeriesIdentity, slugOf } from "../../shared/catalog.ts";
import type { FromWorker, LoaderWorkerConfig, LoadJob, ToWorker } from "../../shared/loader-messages.ts";
import type { Settings } from "../../shared/settings.ts";
import type { Config } from "../config.ts";
import type { EventsService } from "../events/events-service.ts";
import { messageOf } from "../lib/error-message.ts";
import { sleep } from "../lib/sleep.ts";
import type { Logger } from "../logger.ts";
import type { TokenBucketLimiter } from "../providers/http/rate-limiter.ts";
import { NETWORK_SETTING_KEYS, networkConfig, networkSourcesOf } from "../providers/net/network-config.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { LOADER_WORKER_URL } from "../worker-urls.ts";
import type { Priority } from "./loader-queue.ts";
import { LoaderScheduler } from "./loader-scheduler.ts";
import { LoaderWorkerClient } from "./loader-worker-client.ts";
import { findIncompleteSeries } from "./startup-backfill.ts";
import { groupStepResults, type StepMessage } from "./step-result-groups.ts";

export interface LoaderServiceOptions {
  db: Db;
  events: EventsService;
  settings: SettingsService;
  config: Config;
  logger: Logger;
  /** The worker module; defaults to loader.worker.ts (tests may pass one with other providers). */
  workerUrl?: URL;
  /**
   * The main thread's provider token buckets (CatalogService's): the worker attaches to their shared state
   * and takes its tokens from them directly. Without it the worker's requests are not rate limited.
   */
  limiter?: TokenBucketLimiter;
  /** Attempts per step and the first backoff delay. */
  retry?: { attempts: number; baseMs: number };
}

// Rates are not here: the worker shares the main thread's token buckets, which follow the settings.
const WORKER_SETTINGS: (keyof Settings)[] = ["tmdbApiKey", "metadataLanguage", ...NETWORK_SETTING_KEYS];

/**
 * Background loading on the main thread's side: the scheduler picks series, the worker does the network
 * and file work, and every step result the worker reports is persisted here (with its event, in the group
 * commit of its event-loop turn) before anyone is told. The worker never writes the database.
 */
export class LoaderService {
  readonly repository: LoadingRepository;
  private readonly scheduler: LoaderScheduler;
  private readonly worker: LoaderWorkerClient;
  private readonly logger: Logger;
  private readonly unwatch: () => void;
  private readonly prepares = new Map<number, () => void>();
  /** Folders asked for in this event-loop turn; sent to the worker as one message (see flushFolders). */
  private folderBatch: Extract<ToWorker, { type: "prepareFolders" }>["folders"] = [];

  constructor(private readonly options: LoaderServiceOptions) {
    this.logger = options.logger.child({ component: "loader" });
    this.repository = new LoadingRepository(options.db, options.events);
    this.worker = new LoaderWorkerClient({
      url: options.workerUrl ?? LOADER_WORKER_URL,
      config: this.workerConfig(options.settings.get()),
      logger: this.logger,
      onMessages: (messages) => this.receiveBatch(messages),
      onCrash: () => {
        this.settlePrepares("the loader worker failed");
        const requeued = this.scheduler.requeueRunning();
        if (requeued.length) this.logger.warn("series re-queued after a worker failure", { requeued });
      },
    });
    this.scheduler = new LoaderScheduler({
      runner: this.worker,
      concurrency: options.settings.get().loaderConcurrency,
      buildJob: (seriesId, jobId, folderPrepared) => this.buildJob(seriesId, jobId, folderPrepared),
    });
    this.unwatch = options.settings.onChange((next, changed) => {
      if (changed.includes("loaderConcurrency")) this.scheduler.setConcurrency(next.loaderConcurrency);
      if (changed.some((k) => WORKER_SETTINGS.includes(k))) this.worker.configure(this.workerConfig(next));
    });
  }

  start(): void {
    this.worker.start();
  }

  /**
   * Queues every series whose loading is incomplete (database or disk) at backfill priority. Nothing while
   * the library folder looks unavailable (see unavailableLibrary): its files would all look vanished, and
   * every series folder would be made again on the disk under an unmounted share.
   */
  async backfill(): Promise<{ queued: number; vanished: number }> {
    const logosExpected = this.options.settings.get().tmdbApiKey.length > 0;
    const found = await findIncompleteSeries(this.options.db, this.options.config.library, {
      logosExpected,
    });
    if ("unavailable" in found) {
      this.logger.warn(`loader: nothing queued at startup: ${found.unavailable}`);
      return { queued: 0, vanished: 0 };
    }
    const incomplete = found.series;
    let vanished = 0;
    for (const s of incomplete) {
      if (s.vanished.length) vanished++;
      if (this.scheduler.isBusy(s.seriesId)) continue;
      if (s.status !== "pending" || s.vanished.length) this.repository.requeued(s.seriesId, s.vanished);
      this.scheduler.enqueue(s.seriesId, "backfill");
    }
    this.logger.info(
      `loader: ${incomplete.length} series queued at startup (${incomplete.length - vanished} incomplete, ${vanished} with missing files)`,
    );
    return { queued: incomplete.length, vanished };
  }

  /**
   * Queues a new series' loading (ahead of the backfill) and has its folder and sidecar made now, off the
   * main thread: by its job when a slot is free, else by the worker ahead of the queue (the job then skips
   * that). Resolves when the folder is made or its job runs; a failure is logged (the job makes it again).
   */
  add(seriesId: number, folder: string, identity: SeriesIdentity): Promise<void> {
    this.scheduler.enqueue(seriesId, "user");
    if (this.scheduler.isRunning(seriesId)) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.prepares.set(seriesId, resolve));
    if (this.folderBatch.length === 0) setImmediate(() => this.flushFolders());
    this.folderBatch.push({ seriesId, folder, identity });
    return done;
  }

  /** One worker message per turn however many adds came in: posting a message costs the main thread. */
  private flushFolders(): void {
    const folders = this.folderBatch;
    this.folderBatch = [];
    if (folders.length) this.worker.prepareFolders({ type: "prepareFolders", folders });
  }

  enqueue(seriesId: number, priority: Priority): void {
    this.scheduler.enqueue(seriesId, priority);
  }

  /** Stops a series' loading; resolves once the worker no longer touches its folder (or after the deadline). */
  async cancel(seriesId: number, deadlineMs = 5_000): Promise<void> {
    await Promise.race([this.scheduler.cancel(seriesId), sleep(deadlineMs)]);
  }

  isBusy(seriesId: number): boolean {
    return this.scheduler.isBusy(seriesId);
  }

  stats(): { running: number; queued: number } {
    return { running: this.scheduler.runningCount, queued: this.scheduler.queuedCount };
  }

  /** No new jobs; running ones are aborted (atomic writes: no half-written file) within the deadline. */
  async stop(deadlineMs = 2_000): Promise<void> {
    this.unwatch();
    this.scheduler.stop();
    this.flushFolders();
    const clean = await this.worker.stop(deadlineMs);
    this.settlePrepares("the loader stopped");
    this.options.events.commitPending(); // step results that arrived last: persisted before the database closes
    if (!clean)
      this.logger.warn("loader worker did not stop before the deadline; terminated", { deadlineMs });
  }

  private buildJob(seriesId: number, jobId: number, folderPrepared: boolean): LoadJob | null {
    const row = this.repository.get(seriesId);
    if (!row) return null;
    const steps = missingSteps(row);
    return {
      jobId,
      seriesId,
      slug: slugOf(row.catalogKey),
      folder: row.folder,
      identity: {
        catalogKey: row.catalogKey,
        title: row.title,
        year: row.year,
        imdbId: row.imdbId,
        tmdbId: row.tmdbId,
      },
      steps,
      folderPrepared,
      // A job that loads the episode list reads the seasons from the catalogue.
      seasons: steps.includes("episodes") ? [] : this.repository.seasonsOf(seriesId),
    };
  }

  private settlePrepares(reason: string): void {
    if (this.prepares.size)
      this.logger.debug("folder preparations abandoned", { reason, count: this.prepares.size });
    for (const resolve of this.prepares.values()) resolve();
    this.prepares.clear();
  }

  /** One batch of the worker's messages; step results are persisted in groups (see groupStepResults). */
  private receiveBatch(messages: readonly FromWorker[]): void {
    const steps: StepMessage[] = [];
    const seriesOf = new Map<number, number>();
    for (const message of messages) {
      if (message.type === "ready" || message.type === "stopped") continue;
      if (message.type === "foldersPrepared") {
        this.foldersPrepared(message.results);
        continue;
      }
      const seriesId = this.scheduler.activeSeriesOf(message.jobId);
      if (seriesId === undefined) {
        if (message.type === "jobFinished" || message.type === "jobFailed")
          this.scheduler.jobEnded(message.jobId);
        continue;
      }
      if (message.type === "stepRetrying") {
        this.logger.warn("loader step failed; retrying", { seriesId, ...message });
        continue;
      }
      if (message.type === "airDates" && message.error !== null) {
        this.logger.warn("air dates not refreshed", { seriesId, error: message.error });
        continue;
      }
      if (message.type === "jobFailed")
        this.logger.warn("series loading failed", { seriesId, step: message.step, message: message.message });
      seriesOf.set(message.jobId, seriesId);
      steps.push(message);
    }
    for (const { jobId, results, ended } of groupStepResults(steps)) {
      const seriesId = seriesOf.get(jobId);
      if (seriesId === undefined) continue;
      const persisted = this.persist(seriesId, results);
      // The slot is freed after the commit: a job started next for this series reads what was written.
      if (ended) void persisted.finally(() => this.scheduler.jobEnded(jobId));
    }
  }

  private foldersPrepared(results: Extract<FromWorker, { type: "foldersPrepared" }>["results"]): void {
    for (const { seriesId, error } of results) {
      if (error) this.logger.warn("could not create the series folder", { seriesId, error });
      else this.scheduler.markFolderPrepared(seriesId);
      this.prepares.get(seriesId)?.();
      this.prepares.delete(seriesId);
    }
  }

  /**
   * Step results go through the group commit: the results (and adds) of one event-loop turn share one
   * transaction. Submission order is commit order, so a series' steps are persisted in the order reported.
   */
  private persist(seriesId: number, results: LoadingResult[]): Promise<void> {
    if (results.length === 0) return Promise.resolve();
    return this.options.events
      .submit(() => this.repository.apply(seriesId, results))
      .then(
        () => {},
        (error: unknown) => {
          this.logger.error("could not persist a loader step", {
            error: messageOf(error),
          });
        },
      );
  }

  private workerConfig(settings: Settings): LoaderWorkerConfig {
    const { config } = this.options;
    return {
      libraryRoot: config.library,
      catalogUrl: config.catalogUrl,
      tmdbUrl: config.tmdbUrl,
      tmdbImageUrl: config.tmdbImageUrl,
      tmdbApiKey: settings.tmdbApiKey,
      metadataLanguage: settings.metadataLanguage,
      rates: this.options.limiter?.shared() ?? {},
      stepAttempts: this.options.retry?.attempts ?? 3,
      retryBaseMs: this.options.retry?.baseMs ?? 500,
      pageCopyDir: join(config.dataDir, "page-copies"),
      network: networkConfig(networkSourcesOf(config), settings),
    };
  }
}

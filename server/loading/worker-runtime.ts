import * as v from "valibot";
import { type FromWorker, type LoaderWorkerConfig, ToWorkerSchema } from "../../shared/loader-messages.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import { messageOf } from "../lib/error-message.ts";
import { type RateLimiter, TokenBucketLimiter } from "../providers/http/rate-limiter.ts";
import { type LoaderProviders, prepareFolder, runSeriesJob } from "./series-job.ts";

/** The worker's side of the channel (the worker global in production). */
export interface WorkerPort {
  /** Posts a batch of messages (see FromWorkerBatchSchema). */
  postMessage(messages: FromWorker[]): void;
  onMessage(handler: (data: unknown) => void): void;
}

export type ProvidersFactory = (config: LoaderWorkerConfig, limiter: RateLimiter) => LoaderProviders;

/**
 * How long step results wait for company: a job's steps against nearby providers finish within a few
 * milliseconds of each other, and one message (one check, one group commit) on the main thread per window
 * costs it far less than one per step. Progress shows at most this much later.
 */
const BATCH_WINDOW_MS = 10;
const BATCH_MAX = 1_000;

/**
 * The loader worker's main loop: validates every message from the main thread, runs jobs concurrently
 * (the main thread's scheduler decides how many), aborts on cancel, and on shutdown aborts everything,
 * waits for the jobs to settle and says "stopped". Provider requests take their tokens from the main
 * thread's buckets through shared memory (config.rates), so a host's rate holds across all threads.
 */
export function runLoaderWorker(port: WorkerPort, createProviders: ProvidersFactory): void {
  let config: LoaderWorkerConfig | null = null;
  let providers: LoaderProviders | null = null;
  let providersError = "the worker has no configuration yet";
  const jobs = new Map<number, { controller: AbortController; done: Promise<void> }>();
  let shuttingDown = false;

  let outbox: FromWorker[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (!outbox.length) return;
    const batch = outbox;
    outbox = [];
    port.postMessage(batch);
  };
  const post = (message: FromWorker, now = false) => {
    outbox.push(message);
    if (now || outbox.length >= BATCH_MAX) flush();
    else flushTimer ??= setTimeout(flush, BATCH_WINDOW_MS);
  };

  port.onMessage((data) => {
    const parsed = v.safeParse(ToWorkerSchema, data);
    if (!parsed.success) return; // The main thread only sends valid messages; anything else is dropped.
    const message = parsed.output;
    switch (message.type) {
      case "configure":
        config = message.config;
        try {
          providers = createProviders(config, TokenBucketLimiter.attach(config.rates));
        } catch (error) {
          providers = null;
          providersError = messageOf(error);
        }
        return;
      case "load": {
        const { job } = message;
        if (shuttingDown || jobs.has(job.jobId)) {
          post({ type: "jobFinished", jobId: job.jobId, cancelled: true });
          return;
        }
        if (!config || !providers) {
          const step = job.steps[0] ?? "episodes";
          post({
            type: "jobFailed",
            jobId: job.jobId,
            step,
            message: `${step} step failed: ${providersError}`,
          });
          return;
        }
        const controller = new AbortController();
        const done = runSeriesJob({ job, config, providers, signal: controller.signal, post }).finally(() =>
          jobs.delete(job.jobId),
        );
        jobs.set(job.jobId, { controller, done });
        return;
      }
      case "prepareFolders": {
        const root = config?.libraryRoot;
        void (async () => {
          const results: { seriesId: number; error: string | null }[] = [];
          for (const { seriesId, folder, identity } of message.folders) {
            try {
              if (!root) throw new Error("the worker has no configuration yet");
              prepareFolder(resolveInsideRoot(root, folder), identity);
              results.push({ seriesId, error: null });
            } catch (error) {
              const text = messageOf(error);
              results.push({ seriesId, error: text.slice(0, 2_000) });
            }
            // The calls block this thread: on a slow network share the other jobs' answers are handled
            // between two folders, not after the whole batch.
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
          post({ type: "foldersPrepared", results }, true);
        })();
        return;
      }
      case "cancel":
        jobs.get(message.jobId)?.controller.abort();
        return;
      case "shutdown": {
        shuttingDown = true;
        const pending = [...jobs.values()];
        for (const j of pending) j.controller.abort();
        Promise.allSettled(pending.map((j) => j.done)).then(() => post({ type: "stopped" }, true));
        return;
      }
    }
  });
  post({ type: "ready" }, true);
}

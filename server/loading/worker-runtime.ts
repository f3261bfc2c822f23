import * as v from "valibot";
import { type FromWorker, type LoaderWorkerConfig, ToWorkerSchema } from "../../shared/loader-messages.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import type { RateLimiter } from "../providers/http/rate-limiter.ts";
import { type LoaderProviders, prepareFolder, runSeriesJob } from "./series-job.ts";

/** The worker's side of the channel (the worker global in production). */
export interface WorkerPort {
  postMessage(message: FromWorker): void;
  onMessage(handler: (data: unknown) => void): void;
}

export type ProvidersFactory = (config: LoaderWorkerConfig, limiter: RateLimiter) => LoaderProviders;

/**
 * The loader worker's main loop: validates every message from the main thread, runs jobs concurrently
 * (the main thread's scheduler decides how many), aborts on cancel, and on shutdown aborts everything,
 * waits for the jobs to settle and says "stopped". All loader jobs share this one thread and one set of
 * providers, so a provider's rate limiter holds across every series being loaded.
 */
export function runLoaderWorker(port: WorkerPort, createProviders: ProvidersFactory): void {
  let config: LoaderWorkerConfig | null = null;
  let providers: LoaderProviders | null = null;
  let providersError = "the worker has no configuration yet";
  const jobs = new Map<number, { controller: AbortController; done: Promise<void> }>();
  let shuttingDown = false;
  // Token requests waiting for the main thread's answer.
  const waiting = new Map<number, () => void>();
  let nextRequestId = 1;
  const limiter: RateLimiter = {
    acquire(host, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const requestId = nextRequestId++;
        const onAbort = () => {
          waiting.delete(requestId);
          reject(signal?.reason);
        };
        waiting.set(requestId, () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
        signal?.addEventListener("abort", onAbort, { once: true });
        port.postMessage({ type: "acquireToken", requestId, host });
      });
    },
  };

  port.onMessage((data) => {
    const parsed = v.safeParse(ToWorkerSchema, data);
    if (!parsed.success) return; // The main thread only sends valid messages; anything else is dropped.
    const message = parsed.output;
    switch (message.type) {
      case "configure":
        config = message.config;
        try {
          providers = createProviders(config, limiter);
        } catch (error) {
          providers = null;
          providersError = error instanceof Error ? error.message : String(error);
        }
        return;
      case "load": {
        const { job } = message;
        if (shuttingDown || jobs.has(job.jobId)) {
          port.postMessage({ type: "jobFinished", jobId: job.jobId, cancelled: true });
          return;
        }
        if (!config || !providers) {
          const step = job.steps[0] ?? "episodes";
          port.postMessage({
            type: "jobFailed",
            jobId: job.jobId,
            step,
            message: `${step} step failed: ${providersError}`,
          });
          return;
        }
        const controller = new AbortController();
        const done = runSeriesJob({
          job,
          config,
          providers,
          signal: controller.signal,
          post: (m) => port.postMessage(m),
        }).finally(() => jobs.delete(job.jobId));
        jobs.set(job.jobId, { controller, done });
        return;
      }
      case "prepareFolders": {
        const root = config?.libraryRoot;
        Promise.all(
          message.folders.map(({ seriesId, folder, identity }) =>
            (async () => {
              if (!root) throw new Error("the worker has no configuration yet");
              await prepareFolder(resolveInsideRoot(root, folder), identity);
            })().then(
              () => ({ seriesId, error: null }),
              (error: unknown) => ({
                seriesId,
                error: (error instanceof Error ? error.message : String(error)).slice(0, 2_000),
              }),
            ),
          ),
        ).then((results) => port.postMessage({ type: "foldersPrepared", results }));
        return;
      }
      case "tokenGranted":
        waiting.get(message.requestId)?.();
        waiting.delete(message.requestId);
        return;
      case "cancel":
        jobs.get(message.jobId)?.controller.abort();
        return;
      case "shutdown": {
        shuttingDown = true;
        const pending = [...jobs.values()];
        for (const j of pending) j.controller.abort();
        Promise.allSettled(pending.map((j) => j.done)).then(() => port.postMessage({ type: "stopped" }));
        return;
      }
    }
  });
  port.postMessage({ type: "ready" });
}

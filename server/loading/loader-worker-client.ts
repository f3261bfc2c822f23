import * as v from "valibot";
import {
  type FromWorker,
  FromWorkerBatchSchema,
  type LoaderWorkerConfig,
  type LoadJob,
  type ToWorker,
} from "../../shared/loader-messages.ts";
import { sleep } from "../lib/sleep.ts";
import type { Logger } from "../logger.ts";
import type { JobRunner } from "./loader-scheduler.ts";

export interface WorkerClientOptions {
  /** The worker module; production uses loader.worker.ts, tests may pass one with stand-in providers. */
  url: URL;
  config: LoaderWorkerConfig;
  logger: Logger;
  /** The worker's messages of one batch, in the order it posted them. */
  onMessages: (messages: FromWorker[]) => void;
  /** The worker died: every job it was running is lost (the scheduler re-queues them). */
  onCrash: () => void;
  /** How long the thread waits for more work before it ends (default LOADER_THREAD_KEEP_ALIVE_MS). */
  keepAliveMs?: number;
}

/**
 * How long the loader thread stays after its last job. While it lives it holds its own JavaScript heap and
 * compiled code: after loading 200 series the process kept 26–32 MB more than before, and ending the thread
 * gave 13 MB of it back (measured on the binary). Making it again costs the next job a few milliseconds, so
 * a user adding series one after another from search results keeps the same thread.
 */
export const LOADER_THREAD_KEEP_ALIVE_MS = 30_000;

/**
 * The main thread's handle on the loader worker: validates every message it sends back, buffers messages
 * until the worker said "ready", and restarts it (with growing delays) if it dies. A worker missing from a
 * compiled binary only shows as an `error` event, so that event is always listened to and logged.
 * The thread is made when the first work arrives, not at start: a library with nothing to load never pays
 * for it (about 4 MB of memory and its start-up). It ends once no job or folder request has been open for
 * `keepAliveMs`, and the next work makes it again.
 */
export class LoaderWorkerClient implements JobRunner {
  private worker: Worker | null = null;
  private ready = false;
  private pending: ToWorker[] = [];
  private config: LoaderWorkerConfig;
  private crashes = 0;
  private stopping = false;
  private stoppedSignal: (() => void) | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  /** Jobs and folder requests sent and not yet answered: the thread must not end under them. */
  private readonly openJobs = new Set<number>();
  private openFolderRequests = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: WorkerClientOptions) {
    this.config = options.config;
  }

  /** Whether the worker thread exists (it is made with the first work, and again after a crash). */
  get threadMade(): boolean {
    return this.worker !== null;
  }

  /** Accepts work from now on; the thread itself is made with the first message that needs it. */
  start(): void {
    this.started = true;
    if (this.pending.some((m) => m.type !== "configure")) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(this.options.url);
    this.worker = worker;
    this.ready = false;
    this.pending = [
      { type: "configure", config: this.config },
      ...this.pending.filter((m) => m.type !== "configure"),
    ];
    worker.addEventListener("message", (event: MessageEvent) => this.receive(worker, event.data));
    worker.addEventListener("error", (event: ErrorEvent) =>
      this.crashed(worker, event.message || "worker error"),
    );
    worker.addEventListener("close", () => this.crashed(worker, "worker exited"));
  }

  run(job: LoadJob): void {
    this.openJobs.add(job.jobId);
    this.send({ type: "load", job });
  }

  prepareFolders(message: Extract<ToWorker, { type: "prepareFolders" }>): void {
    this.openFolderRequests++;
    this.send(message);
  }

  cancel(jobId: number): void {
    this.send({ type: "cancel", jobId });
  }

  configure(config: LoaderWorkerConfig): void {
    this.config = config;
    this.send({ type: "configure", config });
  }

  /** Asks the worker to abort its jobs and waits for "stopped" up to the deadline; then terminates it. */
  async stop(deadlineMs: number): Promise<boolean> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.cancelIdleEnd();
    const worker = this.worker;
    if (!worker) return true;
    const stopped = new Promise<boolean>((resolve) => {
      this.stoppedSignal = () => resolve(true);
    });
    if (this.ready) worker.postMessage({ type: "shutdown" } satisfies ToWorker);
    else this.stoppedSignal?.();
    const clean = await Promise.race([stopped, sleep(deadlineMs).then(() => false)]);
    this.worker = null;
    worker.terminate();
    return clean;
  }

  private send(message: ToWorker): void {
    if (message.type !== "configure") this.cancelIdleEnd();
    if (this.worker && this.ready) this.worker.postMessage(message);
    else {
      // Only the latest configuration matters to a thread not made or not ready yet, and it goes first:
      // a job waiting here must not reach the thread before its configuration.
      if (message.type === "configure")
        this.pending = [message, ...this.pending.filter((m) => m.type !== "configure")];
      else this.pending.push(message);
    }
    // A configuration alone waits (the thread gets the latest one when it is made); after a crash the
    // restart timer makes it.
    const idle = !this.worker && this.started && !this.stopping && this.restartTimer === null;
    if (idle && message.type !== "configure") this.spawn();
  }

  private receive(worker: Worker, data: unknown): void {
    if (worker !== this.worker) return;
    const parsed = v.safeParse(FromWorkerBatchSchema, data);
    if (!parsed.success) {
      this.options.logger.error("loader worker sent an invalid message", {
        issues: parsed.issues.map((i) => i.message).slice(0, 5),
      });
      return;
    }
    const forward: FromWorker[] = [];
    for (const message of parsed.output) {
      if (message.type === "ready") {
        this.ready = true;
        this.crashes = 0;
        for (const m of this.pending) worker.postMessage(m);
        this.pending = [];
      } else if (message.type === "stopped") this.stoppedSignal?.();
      else {
        if (message.type === "jobFinished" || message.type === "jobFailed")
          this.openJobs.delete(message.jobId);
        else if (message.type === "foldersPrepared")
          this.openFolderRequests = Math.max(0, this.openFolderRequests - 1);
        forward.push(message);
      }
    }
    if (forward.length) this.options.onMessages(forward);
    this.endWhenIdle();
  }

  /** Ends the thread after keepAliveMs without open work; work sent meanwhile keeps it. */
  private endWhenIdle(): void {
    if (this.idleTimer || !this.worker || this.stopping) return;
    if (this.openJobs.size > 0 || this.openFolderRequests > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const worker = this.worker;
      if (!worker || this.stopping || this.openJobs.size > 0 || this.openFolderRequests > 0) return;
      // Nothing runs in it, so nothing is cut short; its "close" event is ignored (it is no longer ours).
      this.worker = null;
      this.ready = false;
      worker.terminate();
      this.options.logger.debug("loader thread ended: no work for a while");
    }, this.options.keepAliveMs ?? LOADER_THREAD_KEEP_ALIVE_MS);
    this.idleTimer.unref();
  }

  private cancelIdleEnd(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private crashed(worker: Worker, reason: string): void {
    if (worker !== this.worker || this.stopping) return;
    this.worker = null;
    this.ready = false;
    worker.terminate();
    this.crashes++;
    const delay = Math.min(30_000, 250 * 2 ** (this.crashes - 1));
    this.options.logger.error("loader worker failed; restarting", { reason, restartInMs: delay });
    this.pending = this.pending.filter((m) => m.type === "configure");
    // The service re-queues the lost jobs and settles the folder requests; they come back as new work.
    this.openJobs.clear();
    this.openFolderRequests = 0;
    this.cancelIdleEnd();
    this.options.onCrash();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.spawn();
    }, delay);
  }
}

import type { LoadJob } from "../../shared/loader-messages.ts";
import { LoaderQueue, type Priority, type PushOutcome } from "./loader-queue.ts";

/** Where jobs run (the worker client in production; tests may pass another implementation). */
export interface JobRunner {
  run(job: LoadJob): void;
  cancel(jobId: number): void;
}

export interface SchedulerOptions {
  runner: JobRunner;
  concurrency: number;
  /**
   * Builds the job for a series about to run; null when there is nothing to load (e.g. it was deleted).
   * `folderPrepared`: the worker made its folder while it waited (see markFolderPrepared).
   */
  buildJob: (seriesId: number, jobId: number, folderPrepared: boolean) => LoadJob | null;
}

interface Running {
  jobId: number;
  seriesId: number;
  cancelled: boolean;
  done: Promise<void>;
  resolve: () => void;
}

/**
 * Decides which series load now: at most `concurrency` jobs at once, the queue's order otherwise. A series is
 * either waiting, running or neither — never twice. A cancelled job keeps its slot until the worker confirms
 * it stopped, so concurrency holds and callers can wait before deleting its files.
 */
export class LoaderScheduler {
  private readonly queue = new LoaderQueue();
  private readonly byJob = new Map<number, Running>();
  private readonly bySeries = new Map<number, Running>();
  private concurrency: number;
  private nextJobId = 1;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = options.concurrency;
  }

  enqueue(seriesId: number, priority: Priority): PushOutcome | "running" {
    if (this.bySeries.has(seriesId)) return "running";
    const outcome = this.queue.push(seriesId, priority);
    this.pump();
    return outcome;
  }

  /** Stops a series' loading: drops it from the queue or cancels its job; resolves once it no longer runs. */
  cancel(seriesId: number): Promise<void> {
    this.queue.delete(seriesId);
    const running = this.bySeries.get(seriesId);
    if (!running) return Promise.resolve();
    if (!running.cancelled) {
      running.cancelled = true;
      this.options.runner.cancel(running.jobId);
    }
    return running.done;
  }

  /** The series of a live (not cancelled) job; messages of other jobs are to be ignored. */
  activeSeriesOf(jobId: number): number | undefined {
    const running = this.byJob.get(jobId);
    return running && !running.cancelled ? running.seriesId : undefined;
  }

  /** The worker reported the job over (finished, failed or cancelled): frees its slot. */
  jobEnded(jobId: number): void {
    const running = this.byJob.get(jobId);
    if (!running) return;
    this.byJob.delete(jobId);
    this.bySeries.delete(running.seriesId);
    running.resolve();
    this.pump();
  }

  /** The worker died: every running job ends, and the live ones go back to the front of the line. */
  requeueRunning(): number[] {
    const live = [...this.byJob.values()].filter((r) => !r.cancelled).map((r) => r.seriesId);
    for (const jobId of [...this.byJob.keys()]) {
      const running = this.byJob.get(jobId)!;
      this.byJob.delete(jobId);
      this.bySeries.delete(running.seriesId);
      running.resolve();
    }
    for (const seriesId of live) this.queue.push(seriesId, "user");
    this.pump();
    return live;
  }

  setConcurrency(n: number): void {
    this.concurrency = Math.max(1, Math.floor(n));
    this.pump();
  }

  /** No new jobs start after this; running ones are left to the caller to stop. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * The worker made a series' folder ahead of its job: noted if the series still waits (its job is told),
   * not if its job already started (that job makes the folder itself) or it was cancelled.
   */
  markFolderPrepared(seriesId: number): boolean {
    return this.queue.markFolderPrepared(seriesId);
  }

  /** A job for the series has been handed to the worker. */
  isRunning(seriesId: number): boolean {
    return this.bySeries.has(seriesId);
  }

  isBusy(seriesId: number): boolean {
    return this.bySeries.has(seriesId) || this.queue.has(seriesId);
  }

  get runningCount(): number {
    return this.byJob.size;
  }

  get queuedCount(): number {
    return this.queue.size;
  }

  queued(): number[] {
    return this.queue.list();
  }

  private pump(): void {
    while (!this.stopped && this.byJob.size < this.concurrency) {
      const next = this.queue.shift();
      if (next === undefined) return;
      const { seriesId } = next;
      const jobId = this.nextJobId++;
      const job = this.options.buildJob(seriesId, jobId, next.folderPrepared);
      if (!job) continue;
      let resolve = () => {};
      const done = new Promise<void>((r) => {
        resolve = r;
      });
      const running: Running = { jobId, seriesId, cancelled: false, done, resolve };
      this.byJob.set(jobId, running);
      this.bySeries.set(seriesId, running);
      this.options.runner.run(job);
    }
  }
}

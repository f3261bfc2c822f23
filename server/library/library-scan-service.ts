import type { Db } from "../../db/connection.ts";
import { foldersKnownOnDisk, SeriesRepository } from "../../db/repositories/series-repository.ts";
import { AppError } from "../../shared/errors.ts";
import type { ScanIssue } from "../../shared/library-scan.ts";
import type { ScanJobStatus, ScanSummary } from "../../shared/library-status.ts";
import type { EventsService } from "../events/events-service.ts";
import { messageOf } from "../lib/error-message.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { unavailableLibrary } from "./library-availability.ts";
import { ScanMemory } from "./scan-memory.ts";
import { type FolderOutcome, ScanPersister } from "./scan-persister.ts";
import { DEFAULT_SCAN_PARALLELISM, ScanWorkerClient } from "./scan-worker-client.ts";

export interface ScanTarget {
  seriesId?: number;
  folder?: string;
}

const MAX_ISSUES = 200;
const KEPT_JOBS = 20;
const BATCH_SIZE = 50;

/**
 * Library scans as jobs: queued, run one at a time in the scan worker, persisted batch by batch (so the
 * event loop is free between batches), and reported through the event log (library.scanStatus). Incremental: the
 * mtimes of every folder read are remembered (ScanMemory: in memory and in the database, written in the
 * same transaction as the folder's episodes), and a full scan skips folders where none changed — also
 * the first scan after a restart.
 */
export class LibraryScanService {
  private readonly worker = new ScanWorkerClient(DEFAULT_SCAN_PARALLELISM);
  private readonly persister: ScanPersister;
  private readonly seriesRepo: SeriesRepository;
  private readonly known: ScanMemory;
  private readonly jobs = new Map<string, ScanJobStatus>();
  private queue: ScanJobStatus[] = [];
  private running = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly root: string,
    settings: SettingsService,
    private readonly logger: Logger,
    /** Where job changes are persisted and published (library.scanStatus streams them). */
    readonly events: EventsService,
  ) {
    this.persister = new ScanPersister(db, events, () => settings.get().languages);
    this.seriesRepo = new SeriesRepository(db);
    this.known = new ScanMemory(db);
  }

  /** Queues a full scan (no target) or a scan of one series folder; returns the job at once. */
  requestScan(target: ScanTarget = {}): ScanJobStatus {
    if (this.closed) throw new AppError("PRECONDITION_FAILED", "the server is shutting down");
    let folders: string[] | null = null;
    if (target.seriesId !== undefined) {
      const row = this.seriesRepo.findById(target.seriesId);
      if (!row) throw new AppError("NOT_FOUND", `no series with id ${target.seriesId}`);
      folders = [row.folder];
    } else if (target.folder !== undefined) {
      if (!isPlainFolderName(target.folder))
        throw new AppError("BAD_REQUEST", "folder must be one folder name directly under the library root");
      folders = [target.folder];
    }
    const same = this.queue.find((j) => JSON.stringify(j.folders) === JSON.stringify(folders));
    if (same) return structuredClone(same);
    const job: ScanJobStatus = {
      jobId: crypto.randomUUID(),
      kind: folders ? "series" : "full",
      folders,
      state: "queued",
      done: 0,
      total: folders?.length ?? 0,
      queuedAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    };
    this.jobs.set(job.jobId, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT_JOBS)))
      this.jobs.delete(old);
    this.queue.push(job);
    this.emit(job);
    void this.drain();
    return structuredClone(job);
  }

  /** A snapshot of the job, or undefined when unknown (only the last jobs are kept). */
  getJob(jobId: string): ScanJobStatus | undefined {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }

  latestJob(): ScanJobStatus | undefined {
    const job = [...this.jobs.values()].at(-1);
    return job && structuredClone(job);
  }

  /** Resolves with the job's final status (completed or failed). */
  waitFor(jobId: string): Promise<ScanJobStatus> {
    return new Promise((resolve, reject) => {
      const job = this.jobs.get(jobId);
      if (!job) return reject(new AppError("NOT_FOUND", `no scan job ${jobId}`));
      if (job.state === "completed" || job.state === "failed") return resolve(job);
      const off = this.events.subscribe(({ event }) => {
        if (event.type !== "scan.changed" || event.status.jobId !== jobId) return;
        if (event.status.state === "completed" || event.status.state === "failed") {
          off();
          resolve(event.status);
        }
      });
    });
  }

  /** Stops the worker; queued jobs fail. */
  close(): void {
    this.closed = true;
    for (const job of this.queue) this.finish(job, "failed", "the server is shutting down");
    this.queue = [];
    this.worker.close();
  }

  /** A change of state is stored in the event log; progress within a state is a live tick. */
  private emit(job: ScanJobStatus, progress = false): void {
    const event = { seriesId: null, status: structuredClone(job) };
    if (progress) this.events.publishLive({ type: "scan.progressed", ...event });
    else this.events.emit({ type: "scan.changed", ...event });
  }

  private finish(job: ScanJobStatus, state: "completed" | "failed", error: string | null): void {
    job.state = state;
    job.error = error;
    job.finishedAt = Date.now();
    this.emit(job);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.queue.shift(); job && !this.closed; job = this.queue.shift()) {
        try {
          await this.runJob(job);
        } catch (error) {
          const message = messageOf(error);
          this.logger.warn("library scan failed", { jobId: job.jobId, error: message });
          this.finish(job, "failed", message);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** mtimes of folders whose remembered outcome still agrees with the database (else they are re-read). */
  private previousMtimes(): Record<string, Record<string, number>> {
    const byFolder = new Map(this.seriesRepo.listFolders().map((s) => [s.folder, s.id]));
    const previous: Record<string, Record<string, number>> = {};
    for (const [folder, state] of this.known.entries())
      if ((byFolder.get(folder) ?? null) === state.outcome.seriesId) previous[folder] = state.mtimes;
    return previous;
  }

  private async runJob(job: ScanJobStatus): Promise<void> {
    job.state = "running";
    job.startedAt = Date.now();
    this.emit(job);
    const outcomes: FolderOutcome[] = [];
    let unchanged = 0;
    const rootIssues: ScanIssue[] = [];
    await this.worker.run(
      {
        type: "scan",
        jobId: job.jobId,
        root: this.root,
        folders: job.folders,
        previous: job.folders ? {} : this.previousMtimes(),
        batchSize: BATCH_SIZE,
      },
      (message) => {
        if (message.type === "started") job.total = message.total;
        else if (message.type === "folders") {
          // One transaction: the folders' episodes and what is remembered about them land together.
          this.persister.applyBatch(message.folders, (applied) => {
            message.folders.forEach((scan, i) => {
              const outcome = applied[i]!;
              outcomes.push(outcome);
              // A recovered series is simply "matched" the next time its unchanged folder comes by.
              const remembered: FolderOutcome =
                outcome.status === "created" ? { ...outcome, status: "matched" } : outcome;
              if (scan.exists) this.known.remember(scan.folder, { mtimes: scan.mtimes, outcome: remembered });
              else this.known.forget(scan.folder);
            });
          });
          for (const folder of message.unchanged) {
            const state = this.known.get(folder);
            if (state) outcomes.push(state.outcome);
          }
          unchanged += message.unchanged.length;
          job.done = message.done;
        } else if (message.type === "finished") rootIssues.push(...message.issues);
        if (message.type !== "finished") this.emit(job, true);
      },
    );
    if (!job.folders) {
      const seen = new Set(outcomes.map((o) => o.folder));
      const unavailable = unavailableLibrary(foldersKnownOnDisk(this.db), seen);
      if (unavailable) {
        this.logger.warn("library scan refused: no series was marked gone", { reason: unavailable });
        this.finish(job, "failed", `${unavailable} No series was marked gone.`);
        return;
      }
      this.forgetVanished(seen);
    }
    job.result = summarise(outcomes, unchanged, rootIssues, Date.now() - job.startedAt);
    job.done = job.total;
    this.logger.info("library scan finished", {
      jobId: job.jobId,
      folders: job.result.folders,
      unchanged,
      durationMs: job.result.durationMs,
    });
    this.finish(job, "completed", null);
  }

  /** After a full scan: series whose folder is gone lose their files; their remembered state is dropped. */
  private forgetVanished(seen: Set<string>): void {
    const vanished = [...this.known.entries()].map(([folder]) => folder).filter((f) => !seen.has(f));
    if (vanished.length)
      this.persister.inTransaction(() => {
        for (const f of vanished) this.known.forget(f);
      });
    const gone = this.seriesRepo
      .listFolders()
      .filter((s) => !seen.has(s.folder))
      .map((s) => s.id);
    if (gone.length) this.persister.clearGone(gone);
  }
}

function isPlainFolderName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\\0]/.test(name) && name !== "." && name !== "..";
}

function summarise(
  unordered: FolderOutcome[],
  unchanged: number,
  rootIssues: ScanIssue[],
  durationMs: number,
): ScanSummary {
  // Parallel shards deliver folders interleaved: the summary lists them in folder order.
  const outcomes = [...unordered].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  const issues = [...rootIssues, ...outcomes.flatMap((o) => o.issues)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return {
    folders: outcomes.length,
    matched: outcomes.filter((o) => o.status === "matched").length,
    created: outcomes.filter((o) => o.status === "created").length,
    unchanged,
    unmatched: outcomes
      .filter((o) => o.status === "unmatched")
      .map((o) => ({ folder: o.folder, suggestion: o.suggestion })),
    unreadable: outcomes.filter((o) => o.status === "unreadable").map((o) => o.folder),
    episodesOnDisk: outcomes.reduce((n, o) => n + o.episodesOnDisk, 0),
    unparsedFiles: outcomes.reduce((n, o) => n + o.unparsed, 0),
    issues: issues.slice(0, MAX_ISSUES),
    durationMs,
  };
}

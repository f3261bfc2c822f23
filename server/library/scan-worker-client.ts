import * as v from "valibot";
import type { ScanIssue, ScanWorkerMessage, ScanWorkerRequest } from "../../shared/library-scan.ts";
import { decodeWireMessage, ScanWireMessageSchema } from "../../shared/scan-wire.ts";
import { SCAN_WORKER_URL } from "../worker-urls.ts";

type Handler = (message: ScanWorkerMessage) => void;
type StreamMessage = Exclude<ScanWorkerMessage, { type: "failed" }>;

interface Pending {
  jobId: string;
  onMessage: Handler;
  resolve: () => void;
  reject: (error: Error) => void;
  /** Per shard: total from "started" (null until then), folders done, finished. */
  totals: (number | null)[];
  done: number[];
  finished: boolean[];
  issues: ScanIssue[];
  /** Messages that arrived before every shard had started (the consumer must see "started" first). */
  held: { shard: number; message: StreamMessage }[];
}

/**
 * How long the scan worker waits for the next scan before it ends. An idle worker holds about 2 MB of the
 * server's idle RSS (its own JavaScript heap and thread); starting a new one costs the next scan about 13 ms
 * (one folder: 13 ms against 1–3 ms warm, measured from source). Scans come in bursts (a full scan and the
 * folders it queues, a batch of finished downloads) or minutes apart.
 */
const SCAN_WORKER_KEEP_ALIVE_MS = 1_000;

/**
 * Full scans use this many workers (the walk is stat/readdir-bound and splits cleanly by folder), leaving a
 * core to the main thread, which writes what they find meanwhile: on 2 cores a second worker made the full
 * scan of 100,000 files no faster and cost ~10% more CPU (measured, bench group "scan").
 */
export const DEFAULT_SCAN_PARALLELISM = Math.max(1, Math.min(2, (navigator.hardwareConcurrency || 1) - 1));

/**
 * Owns the scan workers: runs one scan at a time, validates every message it receives (shared/scan-wire.ts),
 * and turns a worker `error` (including a worker file missing from the executable) into a rejected scan
 * instead of silence. A full scan is split across `parallelism` workers by folder (shards), and their
 * messages are merged into one stream: one "started" with the whole total, "folders" with the summed
 * progress, one "finished". The helpers end with the scan; the first worker stays for the scans that
 * follow (a download's folder, a user's rescan) and ends after `keepAliveMs` without one. A crashed worker
 * is replaced on the next scan.
 */
export class ScanWorkerClient {
  private workers: Worker[] = [];
  private pending: Pending | null = null;
  private release: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly parallelism = 1,
    private readonly keepAliveMs = SCAN_WORKER_KEEP_ALIVE_MS,
  ) {}

  /** Scan workers alive now (0 while idle past keepAliveMs). */
  get workerCount(): number {
    return this.workers.length;
  }

  private start(shard: number): Worker {
    // See worker-urls.ts for why the URL is built next to the entry point.
    const worker = new Worker(SCAN_WORKER_URL);
    worker.addEventListener("message", (event: MessageEvent) => this.onMessage(shard, event.data));
    worker.addEventListener("error", (event: ErrorEvent) => {
      this.fail(new Error(`scan worker error: ${event.message || "failed to start"}`));
      this.dispose();
    });
    return worker;
  }

  /** Runs one scan; `onMessage` sees every validated message of the job; resolves after "finished". */
  run(request: ScanWorkerRequest, onMessage: Handler): Promise<void> {
    if (this.pending) return Promise.reject(new Error("a scan is already running"));
    if (this.release) clearTimeout(this.release);
    this.release = null;
    const shards = request.folders === null ? this.parallelism : 1;
    for (let i = 0; i < shards; i++) this.workers[i] ??= this.start(i);
    return new Promise<void>((resolve, reject) => {
      this.pending = {
        jobId: request.jobId,
        onMessage,
        resolve,
        reject,
        totals: Array(shards).fill(null),
        done: Array(shards).fill(0),
        finished: Array(shards).fill(false),
        issues: [],
        held: [],
      };
      this.workers.slice(0, shards).forEach((worker, index) => {
        worker.postMessage(shards > 1 ? { ...request, shard: { index, count: shards } } : request);
      });
    }).finally(() => {
      this.endHelpers();
      this.release = setTimeout(() => {
        this.release = null;
        if (!this.pending) this.dispose();
      }, this.keepAliveMs);
      this.release.unref();
    });
  }

  private onMessage(shard: number, data: unknown): void {
    const pending = this.pending;
    if (!pending || shard >= pending.totals.length) return;
    const parsed = v.safeParse(ScanWireMessageSchema, data);
    let message: ScanWorkerMessage;
    try {
      if (!parsed.success) throw new Error(parsed.issues[0].message);
      message = decodeWireMessage(parsed.output);
    } catch (error) {
      this.fail(new Error(`scan worker sent an invalid message: ${(error as Error).message}`));
      this.dispose();
      return;
    }
    if (message.jobId !== pending.jobId && !(message.type === "failed" && message.jobId === "")) return;
    if (message.type === "failed") {
      this.fail(new Error(message.message));
      if (pending.totals.length > 1) this.dispose(); // stop the other shards' walks
      return;
    }
    try {
      this.merge(pending, shard, message);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Folds one shard's message into the job's single stream. */
  private merge(pending: Pending, shard: number, message: StreamMessage): void {
    const allStarted = () => pending.totals.every((t) => t !== null);
    if (message.type === "started") {
      pending.totals[shard] = message.total;
      if (!allStarted()) return;
      const total = pending.totals.reduce<number>((sum, t) => sum + (t ?? 0), 0);
      pending.onMessage({ type: "started", jobId: pending.jobId, total });
      for (const held of pending.held.splice(0)) this.merge(pending, held.shard, held.message);
      return;
    }
    if (!allStarted()) {
      pending.held.push({ shard, message });
      return;
    }
    if (message.type === "folders") {
      // `done` counts per shard; the consumer sees the job's sum.
      pending.done[shard] = message.done;
      pending.onMessage({ ...message, done: pending.done.reduce((a, b) => a + b, 0) });
      return;
    }
    pending.finished[shard] = true;
    pending.issues.push(...message.issues);
    if (!pending.finished.every(Boolean)) return;
    pending.onMessage({ type: "finished", jobId: pending.jobId, issues: pending.issues });
    this.pending = null;
    pending.resolve();
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private endHelpers(): void {
    for (const helper of this.workers.splice(1)) helper.terminate();
  }

  private dispose(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }

  /** Stops the workers; a running scan is rejected. */
  close(): void {
    if (this.release) clearTimeout(this.release);
    this.release = null;
    this.fail(new Error("scan cancelled: shutting down"));
    this.dispose();
  }
}

import * as v from "valibot";
import {
  type ScanWorkerMessage,
  ScanWorkerMessageSchema,
  type ScanWorkerRequest,
} from "../../shared/library-scan.ts";
import { SCAN_WORKER_URL } from "../worker-urls.ts";

type Handler = (message: ScanWorkerMessage) => void;

interface Pending {
  jobId: string;
  onMessage: Handler;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Owns the scan worker: starts it on first use, runs one scan at a time, validates every message it
 * receives, and turns a worker `error` (including a worker file missing from the executable) into a
 * rejected scan instead of silence. A crashed worker is replaced on the next scan.
 */
export class ScanWorkerClient {
  private worker: Worker | null = null;
  private pending: Pending | null = null;

  private start(): Worker {
    // See worker-urls.ts for why the URL is built next to the entry point.
    const worker = new Worker(SCAN_WORKER_URL);
    worker.addEventListener("message", (event: MessageEvent) => this.onMessage(event.data));
    worker.addEventListener("error", (event: ErrorEvent) => {
      this.fail(new Error(`scan worker error: ${event.message || "failed to start"}`));
      this.dispose();
    });
    return worker;
  }

  /** Runs one scan; `onMessage` sees every validated message of the job; resolves after "finished". */
  run(request: ScanWorkerRequest, onMessage: Handler): Promise<void> {
    if (this.pending) return Promise.reject(new Error("a scan is already running"));
    this.worker ??= this.start();
    const worker = this.worker;
    return new Promise<void>((resolve, reject) => {
      this.pending = { jobId: request.jobId, onMessage, resolve, reject };
      worker.postMessage(request);
    });
  }

  private onMessage(data: unknown): void {
    const pending = this.pending;
    if (!pending) return;
    const parsed = v.safeParse(ScanWorkerMessageSchema, data);
    if (!parsed.success) {
      this.fail(new Error(`scan worker sent an invalid message: ${parsed.issues[0].message}`));
      this.dispose();
      return;
    }
    const message = parsed.output;
    if (message.jobId !== pending.jobId && !(message.type === "failed" && message.jobId === "")) return;
    if (message.type === "failed") {
      this.fail(new Error(message.message));
      return;
    }
    try {
      pending.onMessage(message);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (message.type === "finished") {
      this.pending = null;
      pending.resolve();
    }
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Stops the worker; a running scan is rejected. */
  close(): void {
    this.fail(new Error("scan cancelled: shutting down"));
    this.dispose();
  }
}

import { AppError } from "../../shared/errors.ts";
import type { ScanJobStatus } from "../../shared/library-status.ts";
import type { LibraryScanService } from "./library-scan-service.ts";

const isFinal = (s: ScanJobStatus) => s.state === "completed" || s.state === "failed";

/**
 * Scan progress as an async stream: the current snapshot first, then every change. With a job id it ends
 * after that job's final status; without one it follows every scan until `signal` aborts.
 */
export async function* scanStatusStream(
  scans: LibraryScanService,
  jobId: string | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<ScanJobStatus> {
  const queue: ScanJobStatus[] = [];
  let wake: (() => void) | null = null;
  const off = scans.subscribe((s) => {
    if (jobId !== undefined && s.jobId !== jobId) return;
    queue.push(s);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    const first = jobId !== undefined ? scans.getJob(jobId) : scans.latestJob();
    if (jobId !== undefined && !first) throw new AppError("NOT_FOUND", `no scan job ${jobId}`);
    if (first) {
      yield first;
      if (jobId !== undefined && isFinal(first)) return;
    }
    while (!signal?.aborted) {
      if (queue.length === 0)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      wake = null;
      for (let s = queue.shift(); s; s = queue.shift()) {
        yield s;
        if (jobId !== undefined && isFinal(s)) return;
      }
    }
  } finally {
    off();
    signal?.removeEventListener("abort", onAbort);
  }
}

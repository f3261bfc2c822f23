import { AppError } from "../../shared/errors.ts";
import { SCAN_TOPICS, type StoredEvent } from "../../shared/events.ts";
import type { ScanJobStatus } from "../../shared/library-status.ts";
import { type StreamItem, streamEvents } from "../events/event-stream.ts";
import type { LibraryScanService } from "./library-scan-service.ts";

const isFinal = (s: ScanJobStatus) => s.state === "completed" || s.state === "failed";

/**
 * library.scanStatus: the current snapshot (or, given `lastEventId`, the changes after it), then every
 * change. With a job id it ends after that job's final status; without one it follows every scan until
 * `signal` aborts.
 */
export async function* scanStatusStream(
  scans: LibraryScanService,
  input: { jobId?: string | undefined; lastEventId?: string | null | undefined },
  signal: AbortSignal | undefined,
): AsyncGenerator<StreamItem<ScanJobStatus>> {
  const { jobId } = input;
  const afterId = input.lastEventId ? Number(input.lastEventId) : null;
  const first = jobId !== undefined ? scans.getJob(jobId) : scans.latestJob();
  if (jobId !== undefined && !first && afterId === null)
    throw new AppError("NOT_FOUND", `no scan job ${jobId}`);
  const stream = streamEvents<ScanJobStatus>({
    events: scans.events,
    topics: SCAN_TOPICS,
    afterId,
    snapshot: () => {
      const now = jobId !== undefined ? scans.getJob(jobId) : scans.latestJob();
      return now ? [now] : [];
    },
    map: statusOf,
    ...(signal ? { signal } : {}),
  });
  for await (const item of stream) {
    if (jobId !== undefined && item.value.jobId !== jobId) continue;
    yield item;
    if (jobId !== undefined && isFinal(item.value)) return;
  }
}

function statusOf(stored: StoredEvent): ScanJobStatus {
  const { event } = stored;
  if (event.type === "scan.changed" || event.type === "scan.progressed") return event.status;
  throw new AppError("INTERNAL", `unexpected event ${event.type}`);
}

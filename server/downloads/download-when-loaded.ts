import type { EventsService } from "../events/events-service.ts";
import type { Logger } from "../logger.ts";
import type { DownloadQueueService } from "./download-queue-service.ts";

/**
 * "Download missing now" at add time: the episodes are not known until the loader's first step, so the
 * series waits here until its episode list has loaded, then every missing episode is queued. In memory:
 * after a restart the series' Download missing button (or the monitor check) does it.
 */
export class DownloadWhenLoaded {
  private readonly waiting = new Set<number>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly o: { events: EventsService; queue: DownloadQueueService; logger: Logger }) {}

  request(seriesId: number): void {
    this.waiting.add(seriesId);
  }

  start(): void {
    this.unsubscribe = this.o.events.subscribe(({ event }) => {
      if (event.seriesId === null || !this.waiting.has(event.seriesId)) return;
      if (
        event.type === "series.removed" ||
        (event.type === "series.loadingChanged" && event.status === "failed")
      ) {
        this.waiting.delete(event.seriesId);
        return;
      }
      if (event.type !== "series.loadingChanged" || !event.progress.episodes) return;
      this.waiting.delete(event.seriesId);
      try {
        const result = this.o.queue.enqueue({ seriesId: event.seriesId });
        this.o.logger.info("missing episodes queued after adding", {
          seriesId: event.seriesId,
          queued: result.queued.length,
        });
      } catch (error) {
        this.o.logger.warn("missing episodes not queued", { seriesId: event.seriesId, error: String(error) });
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }
}

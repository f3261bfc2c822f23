import { eq, ne } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { loadingViewOf } from "../../db/repositories/loading-repository.ts";
import { series } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import { isSeriesLoadingEvent, SERIES_LOADING_TOPICS, type StoredEvent } from "../../shared/events.ts";
import type { LoadingStatusInput, LoadingStatusUpdate } from "../../shared/series-loading.ts";
import { type StreamItem, streamEvents } from "../events/event-stream.ts";
import type { EventsService } from "../events/events-service.ts";

/**
 * The live loading status behind `series.loadingStatus`: the snapshot (one series, or every series not
 * completed), then each change; or, given `lastEventId`, exactly the events after it from the log.
 */
export class LoadingStatusService {
  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
  ) {}

  stream(input: LoadingStatusInput, signal?: AbortSignal): AsyncGenerator<StreamItem<LoadingStatusUpdate>> {
    const { seriesId } = input;
    if (seriesId !== undefined && !input.lastEventId && !this.exists(seriesId))
      throw new AppError("NOT_FOUND", `series ${seriesId} does not exist`);
    return streamEvents<LoadingStatusUpdate>({
      events: this.events,
      topics: SERIES_LOADING_TOPICS,
      ...(seriesId !== undefined ? { seriesId } : {}),
      afterId: input.lastEventId ? Number(input.lastEventId) : null,
      snapshot: () => this.snapshot(seriesId),
      map: updateOf,
      ...(signal ? { signal } : {}),
    });
  }

  private snapshot(seriesId: number | undefined): LoadingStatusUpdate[] {
    const now = Date.now();
    const where = seriesId === undefined ? ne(series.loadingStatus, "completed") : eq(series.id, seriesId);
    return this.db
      .select()
      .from(series)
      .where(where)
      .orderBy(series.id)
      .all()
      .map((row) => loadingViewOf(row, now));
  }

  private exists(seriesId: number): boolean {
    return this.db.select({ id: series.id }).from(series).where(eq(series.id, seriesId)).get() !== undefined;
  }
}

function updateOf(stored: StoredEvent): LoadingStatusUpdate {
  // The stream is filtered to SERIES_LOADING_TOPICS; anything else here is a programming error.
  if (!isSeriesLoadingEvent(stored.event))
    throw new AppError("INTERNAL", `unexpected event ${stored.event.type}`);
  const { seriesId, status, progress, message, timestamp } = stored.event;
  return { seriesId, status, progress, message, timestamp };
}

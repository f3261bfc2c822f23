import type { SeriesRow } from "../../db/schema/index.ts";
import type { NotificationPayload } from "../../shared/connections.ts";
import type { DownloadItem } from "../../shared/downloads.ts";
import type { DomainEvent, DownloadChanged, StoredEvent } from "../../shared/events.ts";
import { episodeCode } from "../../shared/naming.ts";
import type { EventsService } from "../events/events-service.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import type { Logger } from "../logger.ts";
import type { ConnectionService } from "./connection-service.ts";
import { RefreshBatcher } from "./refresh-batcher.ts";

export interface ConnectionEventsOptions {
  events: EventsService;
  connections: ConnectionService;
  libraryRoot: string;
  findSeries: (id: number) => SeriesRow | undefined;
  /** True while the series has downloads queued or running (its refresh waits for them). */
  seriesBusy: (seriesId: number) => boolean;
  logger: Logger;
  refreshQuietMs?: number;
}

/**
 * Turns domain events into notifications and media-server refreshes. Listens on the events service (after
 * each commit) and only queues work, so the event's producer never waits for a receiver.
 */
export class ConnectionEvents {
  private readonly batcher: RefreshBatcher;
  private unsubscribe: (() => void) | null = null;
  /** Failures already notified (download id → its finishedAt): a failed row re-published (moved) is not news. */
  private readonly reported = new Map<number, number | null>();

  constructor(private readonly o: ConnectionEventsOptions) {
    this.batcher = new RefreshBatcher({
      busy: o.seriesBusy,
      flush: (seriesId) => this.refreshSeries(seriesId, this.o.connections.pending.takeBatch(seriesId)),
      ...(o.refreshQuietMs === undefined ? {} : { quietMs: o.refreshQuietMs }),
    });
  }

  /** Follows new events. */
  start(): void {
    this.unsubscribe = this.o.events.subscribe((stored) => this.handle(stored));
  }

  /** Resumes what the last run left: deliveries, and refreshes waiting for their batch. */
  resume(): void {
    const resumed = this.o.connections.resume();
    const batches = this.o.connections.pending.batches();
    for (const seriesId of batches) this.batcher.changed(seriesId);
    if (resumed + batches.length > 0)
      this.o.logger.info("resuming deliveries", { deliveries: resumed, refreshes: batches.length });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.batcher.stop();
  }

  private handle({ event, at }: StoredEvent): void {
    if (!isRelevant(event) || !this.o.connections.hasEnabled()) return;
    const payload = this.payloadOf(event, at);
    if (payload) this.o.connections.notify(payload);
    // After a completed loading the series' NFO and artwork are written, after organize its files have new
    // names: the media server should read them.
    if (
      event.type === "episode.downloaded" ||
      event.type === "series.filesRenamed" ||
      (event.type === "series.loadingChanged" && event.status === "completed")
    )
      this.batchRefresh(event.seriesId);
    // Renamed by organize (whose file renames follow) or found renamed by a scan: the media server drops the
    // old folder and reads the new one once the series is quiet.
    if (event.type === "series.folderMoved") this.batchRefresh(event.seriesId, event.from);
    // The series is gone: nothing to batch with, the media server only drops what it had from the folder.
    if (event.type === "series.folderDeleted") this.refreshFolders(event.seriesId, [], [event.folder]);
  }

  private batchRefresh(seriesId: number, goneFolder?: string): void {
    try {
      this.o.connections.pending.addBatch(seriesId, goneFolder);
    } catch (error) {
      this.o.logger.warn("storing a waiting refresh failed", { seriesId, error });
    }
    this.batcher.changed(seriesId);
  }

  private firstReport(downloadId: number, finishedAt: number | null): boolean {
    if (this.reported.has(downloadId) && this.reported.get(downloadId) === finishedAt) return false;
    this.reported.set(downloadId, finishedAt);
    // Bounded: the oldest entries go first (a Map iterates in insertion order).
    for (const key of this.reported.keys()) {
      if (this.reported.size <= 1000) break;
      this.reported.delete(key);
    }
    return true;
  }

  private refreshSeries(seriesId: number, goneFolders: readonly string[]): void {
    const series = this.o.findSeries(seriesId);
    if (!series) return;
    this.refreshFolders(
      seriesId,
      [series.folder],
      goneFolders.filter((f) => f !== series.folder),
    );
  }

  /** One refresh on every media server; folders are library-relative (and never resolve outside it). */
  private refreshFolders(seriesId: number, changed: readonly string[], gone: readonly string[]): void {
    try {
      const inside = (folder: string) => resolveInsideRoot(this.o.libraryRoot, folder);
      this.o.connections.refresh({ changed: changed.map(inside), gone: gone.map(inside) });
    } catch (error) {
      this.o.logger.warn("media server refresh skipped", { seriesId, error });
    }
  }

  private payloadOf(
    event: DomainEvent,
    at: number,
  ): (NotificationPayload & { event: Exclude<NotificationPayload["event"], "test"> }) | null {
    const series = event.seriesId === null ? undefined : this.o.findSeries(event.seriesId);
    const base = {
      schema: 1 as const,
      at: new Date(at).toISOString(),
      series: series ? { id: series.id, title: series.title, folder: series.folder } : null,
      episode: null,
      error: null,
      count: null,
      check: null,
    };
    const title = series?.title ?? `series ${event.seriesId}`;
    switch (event.type) {
      case "series.added":
        return {
          ...base,
          event: "series.added",
          title: `Added: ${event.title}`,
          message: `${event.title} was added to the library.`,
        };
      case "series.loadingChanged":
        if (event.status !== "failed") return null;
        return {
          ...base,
          event: "loading.failed",
          title: `Loading failed: ${title}`,
          message: event.message ?? "loading failed",
          error: event.message ?? "loading failed",
        };
      case "episode.downloaded": {
        const code = episodeCode(event.season, event.number);
        return {
          ...base,
          event: "episode.downloaded",
          title: `Downloaded: ${title} ${code}`,
          message: `${title} ${code} is in the library.`,
          episode: {
            id: event.episodeId,
            season: event.season,
            number: event.number,
            path: event.path,
          },
        };
      }
      case "download.changed": {
        const failed = failedItem(event);
        if (!failed || !this.firstReport(failed.id, failed.finishedAt)) return null;
        const code = episodeCode(failed.season, failed.episode);
        const error = failed.error ?? "the download failed";
        return {
          ...base,
          event: "download.failed",
          title: `Download failed: ${title} ${code}`,
          message: error,
          error,
          episode: { id: failed.episodeId, season: failed.season, number: failed.episode, path: "" },
        };
      }
      case "episodes.found":
        return {
          ...base,
          event: "episodes.found",
          title: `New episodes: ${title}`,
          message: `${event.count} new episode(s) of ${title} in the catalogue.`,
          count: event.count,
        };
      case "health.changed": {
        const resolved = event.to === "ok";
        return {
          ...base,
          event: resolved ? "health.resolved" : "health.problem",
          title: `${resolved ? "Resolved" : "Health problem"}: ${event.label}`,
          message: resolved
            ? `${event.label}: ${event.detail}`
            : `${event.label}: ${event.detail}${event.advice ? ` (${event.advice})` : ""}`,
          error: resolved ? null : event.detail,
          check: {
            id: event.check,
            label: event.label,
            from: event.from,
            to: event.to,
            detail: event.detail,
            advice: event.advice,
          },
        };
      }
      default:
        return null;
    }
  }
}

/** The topics that can lead to a notification or a refresh; everything else (progress ticks…) is ignored. */
function isRelevant(event: DomainEvent): boolean {
  switch (event.type) {
    case "series.added":
    case "episode.downloaded":
    case "episodes.found":
    case "health.changed":
    case "series.folderMoved":
    case "series.filesRenamed":
    case "series.folderDeleted":
      return true;
    case "series.loadingChanged":
      return event.status === "failed" || event.status === "completed";
    case "download.changed":
      return failedItem(event) !== null;
    default:
      return false;
  }
}

/** The download item when this change is a download that just failed (not a pause or a cancel). */
function failedItem(event: DownloadChanged): DownloadItem | null {
  return event.change.type === "item" && event.change.item.state === "failed" ? event.change.item : null;
}

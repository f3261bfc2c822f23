import type { LoadingStatusUpdate } from "./series-loading.ts";

/**
 * Domain events, named in the past tense. Each is persisted in the append-only `events` table (topic =
 * `type`) before it is published in-process, so subscribers can resume from the log by event id.
 */
export type SeriesAdded = { type: "series.added"; catalogKey: string; title: string } & LoadingStatusUpdate;
export type SeriesLoadingChanged = { type: "series.loadingChanged" } & LoadingStatusUpdate;
export type SeriesRemoved = { type: "series.removed" } & LoadingStatusUpdate;

/** A download finished: the episode's file is on disk, so the series' on-disk and missing counts changed. */
export type EpisodeDownloaded = {
  type: "episode.downloaded";
  seriesId: number;
  episodeId: number;
  season: number;
  number: number;
  /** Relative to the library root. */
  path: string;
  timestamp: number;
};

/** A download gave up (every source failed or it crashed); a retry is up to the user. */
export type DownloadFailed = {
  type: "download.failed";
  seriesId: number;
  downloadId: number;
  episodeId: number;
  season: number;
  number: number;
  error: string;
  timestamp: number;
};

/** A check of a monitored series found episodes the library did not list yet. */
export type EpisodesFound = {
  type: "episodes.found";
  seriesId: number;
  count: number;
  timestamp: number;
};

export type SeriesLoadingEvent = SeriesAdded | SeriesLoadingChanged | SeriesRemoved;
export type DomainEvent = SeriesLoadingEvent | EpisodeDownloaded | DownloadFailed | EpisodesFound;
export type DomainEventType = DomainEvent["type"];

export function isSeriesLoadingEvent(event: DomainEvent): event is SeriesLoadingEvent {
  return (SERIES_LOADING_TOPICS as readonly string[]).includes(event.type);
}

/** The topics that carry a series' loading state (what `series.loadingStatus` streams). */
export const SERIES_LOADING_TOPICS: readonly DomainEventType[] = [
  "series.added",
  "series.loadingChanged",
  "series.removed",
];

/** An event as stored: the log's id is the resume token of subscriptions. */
export interface StoredEvent<E extends DomainEvent = DomainEvent> {
  id: number;
  at: number;
  event: E;
}

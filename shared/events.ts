import * as v from "valibot";
import type { CheckStatus } from "./diagnostics.ts";
import type { DownloadEvent } from "./downloads.ts";
import type { ScanJobStatus } from "./library-status.ts";
import type { LoadingStatusUpdate } from "./series-loading.ts";

/**
 * Domain events, named in the past tense. Each is persisted in the append-only `events` table (topic =
 * `type`) before it is published in-process, so subscribers can resume from the log by event id — except
 * live ticks (download.progressed, scan.progressed), which go through the same stream unpersisted: a
 * reconnecting client gets the current figures from the next tick or the snapshot.
 */
export type SeriesAdded = { type: "series.added"; catalogKey: string; title: string } & LoadingStatusUpdate;
export type SeriesLoadingChanged = { type: "series.loadingChanged" } & LoadingStatusUpdate;
export type SeriesRemoved = { type: "series.removed" } & LoadingStatusUpdate;

/** A series' own settings changed (monitored, languages): `changed` names them. */
export type SeriesChanged = {
  type: "series.changed";
  seriesId: number;
  changed: string[];
  timestamp: number;
};

/**
 * A series' folder was renamed (by organize, or on disk and followed by a scan), in the transaction that
 * recorded it; the downloads that write or wrote into it name the new folder from then on. Folders are
 * relative to the library root.
 */
export type SeriesFolderMoved = {
  type: "series.folderMoved";
  seriesId: number;
  from: string;
  to: string;
  timestamp: number;
};

/**
 * A removed series' folder was deleted with its files (series.remove with deleteFiles), after the series'
 * own `series.removed`. The folder is relative to the library root.
 */
export type SeriesFolderDeleted = {
  type: "series.folderDeleted";
  seriesId: number;
  folder: string;
  timestamp: number;
};

/** Organize gave `count` episode files of the series (with their side files) their names by the template. */
export type SeriesFilesRenamed = {
  type: "series.filesRenamed";
  seriesId: number;
  count: number;
  timestamp: number;
};

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

/** A download's row changed (queued, state, moved, removed): `change` is what downloads.progress yields. */
export type DownloadChanged = {
  type: "download.changed";
  seriesId: number | null;
  change: Exclude<DownloadEvent, { type: "progress" }>;
};
/** Bytes, speed and ETA of a running download (live only). */
export type DownloadProgressed = {
  type: "download.progressed";
  seriesId: number;
  progress: Extract<DownloadEvent, { type: "progress" }>;
};
/** A scan job changed state (queued, running, completed, failed) or, live only, made progress. */
export type ScanChanged = { type: "scan.changed" | "scan.progressed"; seriesId: null; status: ScanJobStatus };
/** Settings were saved: the names of the ones that changed. */
export type SettingsChanged = { type: "settings.changed"; seriesId: null; changed: string[] };
/** A check of a monitored series found episodes the library did not list yet. */
export type EpisodesFound = {
  type: "episodes.found";
  seriesId: number;
  count: number;
  timestamp: number;
};

/**
 * A health check (System → Health) changed state between two runs: `from` is the status last recorded
 * for it ("ok" when none was), `to` the new one with its detail and advice.
 */
export type HealthChanged = {
  type: "health.changed";
  seriesId: null;
  check: string;
  label: string;
  from: CheckStatus;
  to: CheckStatus;
  detail: string;
  advice: string | null;
};

export type SeriesLoadingEvent = SeriesAdded | SeriesLoadingChanged | SeriesRemoved;
export type DomainEvent =
  | SeriesLoadingEvent
  | SeriesChanged
  | SeriesFolderMoved
  | SeriesFilesRenamed
  | SeriesFolderDeleted
  | EpisodeDownloaded
  | DownloadChanged
  | DownloadProgressed
  | ScanChanged
  | SettingsChanged
  | EpisodesFound
  | HealthChanged;
export type DomainEventType = DomainEvent["type"];

export function isSeriesLoadingEvent(event: DomainEvent): event is SeriesLoadingEvent {
  return SERIES_LOADING_TOPICS.includes(event.type);
}

/** The topics that carry a series' loading state (what `series.loadingStatus` streams). */
export const SERIES_LOADING_TOPICS: readonly DomainEventType[] = [
  "series.added",
  "series.loadingChanged",
  "series.removed",
];

/** The topics of downloads.progress and library.scanStatus. */
export const DOWNLOAD_TOPICS: readonly DomainEventType[] = ["download.changed", "download.progressed"];
export const SCAN_TOPICS: readonly DomainEventType[] = ["scan.changed", "scan.progressed"];

/**
 * An event as stored: the log's id is the resume token of subscriptions. A live tick is not stored: its
 * id is 0 and `live` is true.
 */
export interface StoredEvent<E extends DomainEvent = DomainEvent> {
  id: number;
  at: number;
  event: E;
  live?: true;
}

/** Set by tRPC's client on reconnect: the id of the last `tracked` event it saw. */
export const LastEventIdSchema = v.optional(
  v.nullable(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "an event id"))),
);

/** The input of a subscription that only resumes (downloads.progress). */
export const ResumeInputSchema = v.optional(v.object({ lastEventId: LastEventIdSchema }));

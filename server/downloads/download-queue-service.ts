import type { Db } from "../../db/connection.ts";
import { DownloadRepository, type DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { foldersKnownOnDisk, wasOnDisk } from "../../db/repositories/series-repository.ts";
import {
  type DownloadEvent,
  type DownloadItem,
  type EnqueueInput,
  type EnqueueResult,
  type EpisodeSource,
  FINISHED_STATES,
} from "../../shared/downloads.ts";
import { AppError } from "../../shared/errors.ts";
import { DOWNLOAD_TOPICS, type DownloadChanged } from "../../shared/events.ts";
import { type StreamItem, streamEvents } from "../events/event-stream.ts";
import type { EventsService } from "../events/events-service.ts";
import { TokenBucket } from "../lib/token-bucket.ts";
import { presentSeriesFolders, unavailableLibrary } from "../library/library-availability.ts";
import type { Logger } from "../logger.ts";
import type { CatalogProvider } from "../providers/contracts.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { type DownloadExecutionDeps, executeDownload, type StopReason } from "./download-execution.ts";
import { DownloadFolderMoves } from "./download-folder-moves.ts";
import { downloadEventOf, downloadItemOf } from "./download-item.ts";
import { DownloadLeftovers, downloadPlaceOf } from "./download-leftovers.ts";
import type { RunnerDeps } from "./download-runner.ts";
import { enqueueTargets } from "./enqueue-targets.ts";
import type { EpisodeFinisher } from "./episode-finisher.ts";
import { episodeSources } from "./episode-sources.ts";
import { ExtractorRegistry } from "./hosters/extractor-registry.ts";
import { LiveProgress } from "./live-progress.ts";
import { findFfmpeg } from "./transfer/media-transfer.ts";

export interface DownloadQueueOptions {
  db: Db;
  settings: SettingsService;
  catalog: CatalogProvider;
  /** The shared HTTP layer (hoster pages, media; identity, cookies, proxy, private-address rule). */
  http: HttpClient;
  libraryRoot: string;
  logger: Logger;
  extractors?: ExtractorRegistry;
  /** Episode NFO and thumbnail writer; see episode-finisher.ts. */
  finisher?: EpisodeFinisher;
  /** Path to ffmpeg, null for none; default: looked up on PATH. */
  ffmpeg?: string | null;
  stallMs?: number;
  /** Bytes to keep free on the library's file system (default 256 MiB). */
  keepFreeBytes?: number;
  /** Where every change of the queue is persisted and published (downloads.progress streams it). */
  events: EventsService;
  /**
   * The bandwidth budget every transfer takes from; default: a bucket at the settings' limit. Its rate
   * follows the setting either way.
   */
  bandwidth?: TokenBucket;
  /**
   * Runs a library scan, resolving once it has finished: a download found its folder renamed or removed
   * while it wrote, and goes on once a scan finds where the folder went (series.folderMoved).
   */
  requestScan?: () => Promise<unknown>;
}

/** Unused bandwidth saved up for a burst, in seconds of the limit. */
export const BANDWIDTH_BURST_SECONDS = 0.05;

/**
 * The persisted download queue: enqueue, order, pause/resume, cancel, retry, N at once, and a restart that
 * resumes what was running from its .part file. One active download per episode (enforced in the repository).
 * Running one download is download-execution.ts; what a download leaves on disk, download-leftovers.ts.
 */
export class DownloadQueueService {
  readonly repo: DownloadRepository;
  private readonly episodes: EpisodesRepository;
  private readonly running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  private readonly stopReasons = new Map<number, StopReason>();
  private readonly folderMoves: DownloadFolderMoves;
  private readonly live = new LiveProgress();
  private readonly runner: RunnerDeps;
  private readonly execution: DownloadExecutionDeps;
  private readonly leftovers: DownloadLeftovers;
  private started = false;
  private listening: (() => void)[] = [];

  constructor(private readonly o: DownloadQueueOptions) {
    this.repo = new DownloadRepository(o.db);
    this.episodes = new EpisodesRepository(o.db);
    this.runner = {
      catalog: o.catalog,
      http: o.http,
      extractors: o.extractors ?? new ExtractorRegistry(),
      libraryRoot: o.libraryRoot,
      // A small burst: a full second of credit let a short download run about a third over the limit.
      bucket:
        o.bandwidth ??
        new TokenBucket(o.settings.get().bandwidthLimit, { burst: { seconds: BANDWIDTH_BURST_SECONDS } }),
      ffmpeg: o.ffmpeg === undefined ? findFfmpeg() : o.ffmpeg,
      stallMs: o.stallMs ?? 30_000,
      keepFreeBytes: o.keepFreeBytes ?? 256 * 1024 * 1024,
      // Asked only when a download's series folder is missing.
      libraryUnavailable: () =>
        unavailableLibrary(foldersKnownOnDisk(o.db), presentSeriesFolders(o.libraryRoot)),
    };
    this.leftovers = new DownloadLeftovers(o.libraryRoot, this.repo, o.logger);
    this.folderMoves = new DownloadFolderMoves({
      repo: this.repo,
      events: o.events,
      libraryRoot: o.libraryRoot,
      logger: o.logger,
      requestScan: o.requestScan,
      running: this.running,
      stopRun: (id) => this.abort(id, "moved"),
      wasOnDisk: (seriesId) => wasOnDisk(o.db, seriesId),
      itemOf: (row) => downloadItemOf(row, this.live.get(row.download.id)),
      emitItem: (id) => this.emitItem(id),
      pump: () => this.pump(),
    });
    this.execution = {
      repo: this.repo,
      episodes: this.episodes,
      events: o.events,
      settings: o.settings,
      logger: o.logger,
      finisher: o.finisher,
      runner: this.runner,
      live: this.live,
      emitItem: (id) => this.emitItem(id),
      onFolderGone: (id) => this.folderMoves.folderGone(id),
      lookForMissingFolder: (row) => this.folderMoves.lookForMissingFolder(row),
      leftovers: this.leftovers,
    };
  }

  /** Puts interrupted items back in the queue and starts working. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const requeued = this.repo.requeueInterrupted();
    if (requeued) this.o.logger.info("downloads resumed after a restart", { count: requeued });
    this.listening = [
      this.o.settings.onChange((next, changed) => {
        if (changed.includes("bandwidthLimit")) this.runner.bucket.setRate(next.bandwidthLimit);
        if (changed.includes("downloadConcurrency")) this.pump();
      }),
      this.o.events.subscribe(({ event }) => {
        if (event.type === "series.removed") {
          for (const id of this.running.keys()) if (!this.repo.get(id)) this.abort(id, "removed");
        } else if (
          event.type === "scan.changed" &&
          event.status.state === "completed" &&
          !event.status.folders
        )
          this.folderMoves.scanned();
        else if (event.type === "series.folderMoved")
          this.folderMoves
            .followed(event.seriesId, event.to)
            .catch((error: unknown) =>
              this.o.logger.error("downloads did not follow a renamed series folder", { event, error }),
            );
      }),
    ];
    this.pump();
  }

  /** Stops every transfer, leaving items "downloading" so the next start resumes them. */
  async stop(): Promise<void> {
    this.started = false;
    for (const stopListening of this.listening.splice(0)) stopListening();
    for (const id of this.running.keys()) this.abort(id, "shutdown");
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  enqueue(input: EnqueueInput): EnqueueResult {
    const { episodeIds, skipped } = enqueueTargets(this.repo, this.o.settings.get(), input);
    const { created, alreadyActive } = this.repo.enqueue(episodeIds, Date.now());
    // A chosen source rides on the row's language and hoster, which the runner tries first.
    if ("source" in input)
      for (const id of created)
        this.repo.update(id, { language: input.source.language, hoster: input.source.hoster });
    for (const episodeId of alreadyActive) skipped.push({ episodeId, reason: "already in the queue" });
    for (const id of created) this.emitItem(id);
    this.pump();
    return { queued: created, skipped };
  }

  /** The hoster links the catalogue offers for an episode right now, per language, for a manual choice. */
  async sources(episodeId: number, signal?: AbortSignal): Promise<EpisodeSource[]> {
    const row = this.repo.episodesByIds([episodeId])[0];
    if (!row) throw new AppError("NOT_FOUND", `no episode ${episodeId}`);
    return episodeSources(this.o.catalog, this.runner.extractors, row, signal);
  }

  list(): DownloadItem[] {
    return this.repo.list().map((r) => downloadItemOf(r, this.live.get(r.download.id)));
  }

  snapshot(): Extract<DownloadEvent, { type: "snapshot" }> {
    return { type: "snapshot", items: this.list() };
  }

  /** downloads.progress: the snapshot (or, given `lastEventId`, the changes after it), then every change. */
  stream(lastEventId: number | null, signal?: AbortSignal): AsyncGenerator<StreamItem<DownloadEvent>> {
    return streamEvents<DownloadEvent>({
      events: this.o.events,
      topics: DOWNLOAD_TOPICS,
      afterId: lastEventId,
      snapshot: () => [this.snapshot()],
      map: downloadEventOf,
      ...(signal ? { signal } : {}),
    });
  }

  pause(id?: number): void {
    const ids = id === undefined ? this.activeIds() : [this.must(id).download.id];
    for (const i of ids) {
      const state = this.repo.get(i)!.download.state;
      if (state === "queued" || state === "resolving" || state === "downloading") {
        this.repo.update(i, { state: "paused" });
        this.abort(i, "paused");
        this.emitItem(i);
      } else if (id !== undefined && state !== "paused") {
        throw new AppError("CONFLICT", `a ${state} download cannot be paused`);
      }
    }
    this.pump();
  }

  resume(id?: number): void {
    const ids =
      id === undefined ? this.repo.setStateWhere(["paused"], "queued") : [this.must(id).download.id];
    if (id !== undefined) {
      const state = this.repo.get(id)!.download.state;
      if (state !== "paused") throw new AppError("CONFLICT", `a ${state} download cannot be resumed`);
      this.repo.update(id, { state: "queued", error: null });
    }
    for (const i of ids) this.emitItem(i);
    this.pump();
  }

  async cancel(id: number): Promise<void> {
    const row = this.must(id);
    if (FINISHED_STATES.includes(row.download.state))
      throw new AppError("CONFLICT", `the download is already ${row.download.state}`);
    this.repo.update(id, { state: "cancelled", finishedAt: Date.now() });
    this.abort(id, "cancelled");
    await this.running.get(id)?.done;
    // Read again: the run may have chosen its file name (and made its folder) after the row above was read.
    await this.leftovers.remove(id, downloadPlaceOf(this.repo.get(id) ?? row));
    this.emitItem(id);
    this.pump();
  }

  retry(id: number): void {
    const row = this.must(id);
    const state = row.download.state;
    if (state !== "failed" && state !== "cancelled")
      throw new AppError(
        "CONFLICT",
        `only failed or cancelled downloads can be retried (this one is ${state})`,
      );
    if (!this.repo.requeue(id)) throw new AppError("CONFLICT", "this episode is already in the queue");
    this.emitItem(id);
    this.pump();
  }

  move(id: number, position: number): void {
    this.must(id);
    if (!this.repo.move(id, position))
      throw new AppError("CONFLICT", "only waiting (queued or paused) downloads can be moved");
    this.emit(null, this.snapshot());
    this.pump();
  }

  /** Removes finished items from the history (the given ones, or all) and what failed ones left on disk. */
  async removeFinished(only?: number[]): Promise<number[]> {
    const removeLeftovers = this.leftovers.ofFinished(only);
    const ids = this.repo.removeFinished(only);
    if (ids.length) this.emit(null, { type: "removed", ids });
    await removeLeftovers();
    return ids;
  }

  /**
   * Called in the transaction that deletes a series: the function returned removes what its downloads left
   * once the rows are gone, after waiting for the running ones, which `series.removed` stops.
   */
  leftoversOfSeries(seriesId: number): () => Promise<void> {
    return this.leftovers.ofSeries(seriesId, (id) => this.running.get(id)?.done);
  }

  /**
   * Runs `work` while no download of series `seriesId` runs: the running ones stop, their part files kept,
   * and start again afterwards where their rows then say (a renamed folder has updated them by then).
   */
  holdSeries<T>(seriesId: number, work: () => Promise<T>): Promise<T> {
    return this.folderMoves.hold(seriesId, work);
  }

  /** Resolves when nothing is running or queued (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private must(id: number): DownloadWithEpisode {
    const row = this.repo.get(id);
    if (!row) throw new AppError("NOT_FOUND", `no download ${id}`);
    return row;
  }

  private activeIds(): number[] {
    return this.repo
      .list()
      .filter((r) => ["queued", "resolving", "downloading"].includes(r.download.state))
      .map((r) => r.download.id);
  }

  private abort(id: number, reason: StopReason): void {
    const run = this.running.get(id);
    if (!run) return;
    this.stopReasons.set(id, reason);
    run.controller.abort(new Error(`download ${reason}`));
  }

  private pump(): void {
    if (!this.started) return;
    const free = this.o.settings.get().downloadConcurrency - this.running.size;
    for (const row of this.repo.nextQueued(free, [...this.running.keys()], this.folderMoves.heldSeries())) {
      const controller = new AbortController();
      const done = executeDownload(this.execution, row.id, controller.signal, () =>
        this.stopReasons.get(row.id),
      ).finally(() => {
        this.running.delete(row.id);
        this.stopReasons.delete(row.id);
        this.live.clear(row.id);
        this.pump();
      });
      this.running.set(row.id, { controller, done });
    }
  }

  private emitItem(id: number): void {
    const row = this.repo.get(id);
    if (row) this.emit(row.series.id, { type: "item", item: downloadItemOf(row, this.live.get(id)) });
  }

  private emit(seriesId: number | null, change: DownloadChanged["change"]): void {
    this.o.events.emit({ type: "download.changed", seriesId, change });
  }
}

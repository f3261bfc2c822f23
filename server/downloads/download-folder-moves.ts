import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { DownloadRepository, DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import type { DownloadItem } from "../../shared/downloads.ts";
import type { EventsService } from "../events/events-service.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import type { Logger } from "../logger.ts";
import { LIBRARY_UNAVAILABLE, WAITING_FOR_FOLDER } from "./download-runner.ts";

export interface DownloadFolderMovesDeps {
  repo: DownloadRepository;
  events: EventsService;
  libraryRoot: string;
  logger: Logger;
  /** Runs a library scan, which finds where a vanished folder went; resolves once it has finished. */
  requestScan: (() => Promise<unknown>) | undefined;
  /** The downloads running now, with the end of each run. */
  running: ReadonlyMap<number, { done: Promise<void> }>;
  /** Stops the run of download `id`, leaving its row as it is. */
  stopRun(id: number): void;
  /** Whether the series was on disk (see wasOnDisk in series-repository.ts). */
  wasOnDisk(seriesId: number): boolean;
  itemOf(row: DownloadWithEpisode): DownloadItem;
  emitItem(id: number): void;
  /** Starts what the queue may start now. */
  pump(): void;
}

/**
 * Downloads whose series folder is renamed while they run. A run holds the paths it started with, so it
 * never goes on writing through a rename: organize holds the series' downloads (the running ones stop and
 * start again afterwards from their rows, which follow the folder); a rename on disk that a scan follows
 * restarts them the same way; a run that finds its folder gone first pauses until a scan (which it runs)
 * finds where the folder went, and the series' other downloads wait for that scan. Their part files went with the folder, so each resumes where it was.
 */
export class DownloadFolderMoves {
  /** Series whose downloads may not start now, and how many hold each. */
  private readonly held = new Map<number, number>();
  /** The scan looking for a series' missing folder, shared by the series' downloads that start meanwhile. */
  private readonly looking = new Map<number, Promise<unknown>>();

  constructor(private readonly d: DownloadFolderMovesDeps) {}

  /** The series whose downloads the queue must not start now. */
  heldSeries(): number[] {
    return [...this.held.keys()];
  }

  /**
   * Runs `work` while no download of series `seriesId` runs: the running ones stop, their part files kept,
   * and start again afterwards where their rows then say.
   */
  async hold<T>(seriesId: number, work: () => Promise<T>): Promise<T> {
    this.take(seriesId);
    try {
      const stopped = this.restart(seriesId);
      for (const id of stopped) this.d.emitItem(id);
      await this.ended(stopped);
      return await work();
    } finally {
      this.release(seriesId);
    }
  }

  /**
   * Series `seriesId`'s folder is now `to` (series.folderMoved, published once the rows followed it): the
   * open download lists get the rows' new places, running downloads start again, and the ones that found
   * their folder gone go on.
   */
  async followed(seriesId: number, to: string): Promise<void> {
    const { repo } = this.d;
    const restarted = this.restart(seriesId);
    const moved = repo.namingFolder(to);
    for (const { download } of moved)
      if (download.state === "paused" && download.error === WAITING_FOR_FOLDER)
        repo.update(download.id, { state: "queued", error: null });
    const changed = new Set([...moved.map((r) => r.download.id), ...restarted]);
    // One commit for them all: a long history of finished downloads names the folder too.
    this.d.events.transact((_tx, record) => {
      for (const id of changed) {
        const row = repo.get(id);
        if (row)
          record({ type: "download.changed", seriesId, change: { type: "item", item: this.d.itemOf(row) } });
      }
    });
    await this.ended(restarted);
    this.d.pump();
  }

  /**
   * The run of download `id` paused because its folder was gone: it waits (its error WAITING_FOR_FOLDER,
   * which outlasts a restart) for a scan to find where the folder went, unless one already has (its row
   * names a folder that is there), and runs that scan. Until
   * the scan has looked, no other download of the series starts: it would make the old folder again.
   */
  folderGone(id: number): void {
    const row = this.d.repo.get(id);
    const target = row?.download.targetPath;
    if (!row || !target) return;
    if (this.targetFolderExists(target)) {
      this.d.repo.update(id, { state: "queued", error: null });
      return;
    }
    const seriesId = row.series.id;
    this.take(seriesId);
    Promise.resolve()
      .then(() => this.d.requestScan?.())
      .catch((error: unknown) =>
        this.d.logger.warn("no library scan for a download whose folder went", { id, error }),
      )
      .finally(() => this.release(seriesId));
  }

  /**
   * A full library scan completed, so the library folder is there: downloads paused because it was not go
   * on, and so do the ones waiting for their folder that is there again (renamed back, mounted again).
   */
  scanned(): void {
    const { repo } = this.d;
    const waiting = repo.pausedBecause(WAITING_FOR_FOLDER).filter((id) => {
      const target = repo.get(id)?.download.targetPath;
      return target ? this.targetFolderExists(target) : false;
    });
    const resumed = [...repo.pausedBecause(LIBRARY_UNAVAILABLE), ...waiting];
    for (const id of resumed) {
      repo.update(id, { state: "queued", error: null });
      this.d.emitItem(id);
    }
    if (resumed.length) this.d.pump();
  }

  /**
   * A download is about to start and its series folder is missing, though the series was on disk (episode
   * files, or files the loader wrote): renamed or removed by hand, and no scan since. A library scan looks
   * for it first, so the download follows a rename instead of making the old folder again; when the folder
   * is really gone the download makes it, as for a new series. Resolves true once a scan ran.
   */
  async lookForMissingFolder(row: DownloadWithEpisode): Promise<boolean> {
    const { series } = row;
    const requestScan = this.d.requestScan;
    if (!requestScan || existsSync(resolveInsideRoot(this.d.libraryRoot, series.folder))) return false;
    if (!this.d.wasOnDisk(series.id)) return false;
    let scan = this.looking.get(series.id);
    if (!scan) {
      scan = Promise.resolve()
        .then(() => requestScan())
        .catch((error: unknown) =>
          this.d.logger.warn("no library scan for a series folder gone missing", {
            seriesId: series.id,
            error,
          }),
        )
        .finally(() => this.looking.delete(series.id));
      this.looking.set(series.id, scan);
    }
    await scan;
    return true;
  }

  /** Whether the folder a download's file goes into (target relative to the library root) is there. */
  private targetFolderExists(target: string): boolean {
    return existsSync(dirname(resolveInsideRoot(this.d.libraryRoot, target)));
  }

  private take(seriesId: number): void {
    this.held.set(seriesId, (this.held.get(seriesId) ?? 0) + 1);
  }

  private release(seriesId: number): void {
    const holds = (this.held.get(seriesId) ?? 1) - 1;
    if (holds > 0) this.held.set(seriesId, holds);
    else this.held.delete(seriesId);
    this.d.pump();
  }

  /** The series' running downloads back to the queue, their runs stopped; returns their ids. */
  private restart(seriesId: number): number[] {
    const ids = [...this.d.running.keys()].filter((id) => this.d.repo.get(id)?.series.id === seriesId);
    for (const id of ids) {
      this.d.repo.update(id, { state: "queued" });
      this.d.stopRun(id);
    }
    return ids;
  }

  private async ended(ids: number[]): Promise<void> {
    await Promise.all(ids.map((id) => this.d.running.get(id)?.done));
  }
}

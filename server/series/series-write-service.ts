import { rm } from "node:fs/promises";
import type { Db } from "../../db/connection.ts";
import { sqliteOf } from "../../db/event-log.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { loadingViewOf } from "../../db/repositories/loading-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { SeriesRow } from "../../db/schema/index.ts";
import { slugOf } from "../../shared/catalog.ts";
import { AppError } from "../../shared/errors.ts";
import { titleFromSlug, uniqueFolderName } from "../../shared/folder-name.ts";
import type { Language } from "../../shared/languages.ts";
import { renderSeriesFolder } from "../../shared/naming.ts";
import type { AddSeriesOptions, LoadingStep } from "../../shared/series-loading.ts";
import type { EventsService } from "../events/events-service.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import type { LoaderService } from "../loading/loader-service.ts";
import type { Logger } from "../logger.ts";
import { FolderNames } from "./folder-names.ts";

export type AddedSeries = SeriesRow & { alreadyExisted: boolean };

/**
 * What adding needs from elsewhere: the folder template, the title and year a recent search showed, and
 * who queues a new series' missing episodes once its episode list is known.
 */
export interface AddNaming {
  folderTemplate(): string;
  seenTitle(catalogKey: string): { title: string; year: number | null } | undefined;
  downloadMissingWhenLoaded?(seriesId: number): void;
}

/** What removing a series needs from the download queue. */
export interface SeriesDownloadLeftovers {
  /**
   * Called in the transaction that deletes the series, while its downloads' rows still say where they
   * wrote; the function it returns removes what they left, once the rows are gone and they stopped.
   */
  leftoversOfSeries(seriesId: number): () => Promise<void>;
}

const SLUG_NAMING: AddNaming = { folderTemplate: () => "{series} ({year})", seenTitle: () => undefined };

/**
 * Adding and removing series. `add` does only local work (one insert; the folder and one small file right
 * after) and hands the rest to the background loader, so it answers in milliseconds whatever the catalogue does.
 *
 * Folder naming (no disk access on the request path: see FolderNames): the folder template filled with the
 * title and year the search results showed (the slug's words, "one-piece" → "One Piece", when the series was
 * not among recent results). It is not renamed when loading learns more (a rename would race the worker
 * writing into it); "organize" on the series page renames folder and files to the templates.
 */
export class SeriesWriteService {
  private readonly series: SeriesRepository;
  private episodesRepo: EpisodesRepository | null = null;
  private readonly folders: FolderNames;
  private readonly db: Db;
  private readonly preparing = new Map<number, Promise<void>>();

  constructor(
    db: Db,
    private readonly events: EventsService,
    private readonly loader: LoaderService,
    private readonly libraryRoot: string,
    private readonly logger: Logger,
    private readonly naming: AddNaming = SLUG_NAMING,
    private readonly downloads?: SeriesDownloadLeftovers,
  ) {
    this.series = new SeriesRepository(db);
    this.db = db;
    this.folders = new FolderNames(sqliteOf(db), libraryRoot);
  }

  /** `options` apply to a new series only; an existing one is returned as it is. */
  async add(requestedKey: string, options: AddSeriesOptions = {}): Promise<AddedSeries> {
    // Catalogue slugs are lower case; "aniworld:One-Piece" is the same series as "aniworld:one-piece".
    const catalogKey = requestedKey.toLowerCase();
    const seen = this.naming.seenTitle(catalogKey);
    const title = seen?.title ?? titleFromSlug(slugOf(catalogKey));
    const folderName = renderSeriesFolder(this.naming.folderTemplate(), {
      series: title,
      year: seen?.year ?? null,
      imdbId: null,
      tmdbId: null,
    });
    let row: SeriesRow | undefined;
    let folder = "";
    // The lookup runs inside the write (one group commit shared with the other adds of this turn, not a read
    // and then a write); a second add of one key in the same group finds the first one's row there.
    for (let attempt = 1; !row; attempt++) {
      folder = uniqueFolderName(folderName, (name) => this.folders.isTaken(name));
      resolveInsideRoot(this.libraryRoot, folder); // refuses a name that would leave the root
      // Claimed now, not after the commit: adds waiting in the same group must not pick the same name.
      this.folders.claim(folder);
      try {
        const outcome = await this.events.submit((_tx, record): { row: SeriesRow; existed: boolean } => {
          const existing = this.series.findByCatalogKey(catalogKey);
          if (existing) return { row: existing, existed: true };
          const now = Date.now();
          const inserted = this.series.insertAdded(catalogKey, title, folder, now, options);
          record({ type: "series.added", catalogKey, title, ...loadingViewOf(inserted, now) });
          return { row: inserted, existed: false };
        });
        if (outcome.existed) {
          this.folders.release(folder);
          return { ...outcome.row, alreadyExisted: true };
        }
        row = outcome.row;
      } catch (error) {
        // Taken behind the in-memory set's back (a scan added that folder): it stays marked; take the next name.
        if (attempt < 20 && uniqueViolationOn(error, "series.folder")) continue;
        this.folders.release(folder);
        throw error;
      }
    }
    // Loading is queued and the folder and sidecar made at once, off the main thread (disk latency never
    // reaches the caller); remove() waits for the folder.
    const preparing = this.loader
      .add(row.id, folder, { catalogKey, title, year: seen?.year ?? null, imdbId: null, tmdbId: null })
      .finally(() => this.preparing.delete(row.id));
    this.preparing.set(row.id, preparing);
    if (options.downloadMissing) this.naming.downloadMissingWhenLoaded?.(row.id);
    return { ...row, alreadyExisted: false };
  }

  /**
   * Cancels loading, deletes the row (episodes and downloads cascade), removes what unfinished downloads
   * left and, if asked, the folder.
   */
  async remove(id: number, deleteFiles: boolean): Promise<{ id: number; filesDeleted: boolean }> {
    const row = this.require(id);
    await this.loader.cancel(id);
    await this.preparing.get(id);
    const removal = this.events.transact((_tx, record) => {
      // Read in the same transaction as the delete: no download can choose a new name in between.
      const removeLeftovers = this.downloads?.leftoversOfSeries(id);
      const gone = this.series.delete(id);
      if (gone) record({ type: "series.removed", ...loadingViewOf(gone), status: "removed" });
      return gone ? { removeLeftovers } : null;
    });
    if (!removal) throw new AppError("NOT_FOUND", `series ${id} does not exist`);
    // Also before the folder is deleted: the series' running downloads have stopped writing into it then.
    await removal.removeLeftovers?.();
    let filesDeleted = false;
    if (deleteFiles) {
      // resolveInsideRoot refuses the root itself and anything outside it.
      const dir = resolveInsideRoot(this.libraryRoot, row.folder);
      await rm(dir, { recursive: true, force: true });
      this.folders.release(row.folder);
      filesDeleted = true;
      this.events.transact((_tx, record) =>
        record({ type: "series.folderDeleted", seriesId: id, folder: row.folder, timestamp: Date.now() }),
      );
      this.logger.info("series folder deleted", { seriesId: id, folder: row.folder });
    }
    return { id, filesDeleted };
  }

  /**
   * Queues the series again, ahead of the backfill: an unfinished one resumes at the first step not yet
   * done; a completed one reads its episode list from the catalogue again (new episodes and seasons,
   * titles, the languages offered now), while its NFO and artwork stay.
   */
  retryLoading(id: number): SeriesRow {
    const row = this.require(id);
    if (this.loader.isBusy(id)) {
      this.loader.enqueue(id, "user"); // promotes a waiting backfill entry
      return row;
    }
    const reload: LoadingStep[] = row.loadingStatus === "completed" ? ["episodes"] : [];
    const next = row.loadingStatus === "pending" ? row : (this.loader.repository.requeued(id, reload) ?? row);
    this.loader.enqueue(id, "user");
    return next;
  }

  setMonitored(id: number, monitored: boolean): SeriesRow {
    const row = this.changed(id, { monitored });
    if (!row) throw new AppError("NOT_FOUND", `series ${id} does not exist`);
    return row;
  }

  /** Monitors or unmonitors episodes of the series; returns the ids changed. */
  setEpisodesMonitored(seriesId: number, episodeIds: readonly number[], monitored: boolean): number[] {
    this.require(seriesId);
    // Built on first use: series.add and start-up never need it.
    this.episodesRepo ??= new EpisodesRepository(this.db);
    return this.episodesRepo.setMonitored(seriesId, episodeIds, monitored);
  }

  /**
   * The series' own language order (null = follow the global setting). Read where it matters — download
   * source order, enqueueing, the "preferred" missing count — so nothing else needs updating; series.list's
   * cached answer notices the write through total_changes().
   */
  setLanguages(id: number, languages: readonly Language[] | null): SeriesRow {
    const row = this.changed(id, { languages: languages ? [...languages] : null });
    if (!row) throw new AppError("NOT_FOUND", `series ${id} does not exist`);
    return row;
  }

  /** A settings change of one series and its `series.changed` event, in one transaction. */
  private changed(
    id: number,
    patch: Pick<Partial<SeriesRow>, "monitored" | "languages">,
  ): SeriesRow | undefined {
    return this.events.transact((_tx, record) => {
      const row = this.series.update(id, patch);
      if (row)
        record({ type: "series.changed", seriesId: id, changed: Object.keys(patch), timestamp: Date.now() });
      return row;
    });
  }

  private require(id: number): SeriesRow {
    const row = this.series.findById(id);
    if (!row) throw new AppError("NOT_FOUND", `series ${id} does not exist`);
    return row;
  }
}

/** SQLite's unique-constraint error on `column` (drizzle may wrap it: its cause is looked at too). */
function uniqueViolationOn(error: unknown, column: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if (e.message.includes("UNIQUE constraint failed") && e.message.includes(column)) return true;
  return false;
}

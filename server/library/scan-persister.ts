import type { Db } from "../../db/connection.ts";
import type { EventTransactions, RecordEvent } from "../../db/event-log.ts";
import { DownloadRepository } from "../../db/repositories/download-repository.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { type SeriesRef, SeriesRepository } from "../../db/repositories/series-repository.ts";
import { UnmatchedFilesRepository } from "../../db/repositories/unmatched-files-repository.ts";
import { type FolderMatchSuggestion, suggestFolderMatch } from "../../shared/folder-match.ts";
import type { ScanIssue, ScannedFolder } from "../../shared/library-scan.ts";
import { matchEpisodeFiles } from "./episode-matcher.ts";

/** What one series folder turned out to be after a scan. */
export interface FolderOutcome {
  folder: string;
  /** matched = known series; created = series row recovered from the folder's identity; unmatched = no identity. */
  status: "matched" | "created" | "unmatched" | "unreadable" | "gone";
  seriesId: number | null;
  catalogKey: string | null;
  episodesOnDisk: number;
  unparsed: number;
  /** Video files attached to no episode (unparsed ones included); listed on the series page. */
  unmatched: number;
  suggestion: FolderMatchSuggestion | null;
  issues: ScanIssue[];
}

/**
 * Applies scan results to the database: finds or recovers the series row of each folder (catalogue key from
 * the sidecar / NFO, else the folder already on record), and records which episodes have files.
 */
export class ScanPersister {
  private readonly seriesRepo: SeriesRepository;
  private readonly episodesRepo: EpisodesRepository;
  private readonly unmatchedRepo: UnmatchedFilesRepository;
  private readonly downloadsRepo: DownloadRepository;

  constructor(
    private readonly db: Db,
    /** A series folder found renamed is recorded with the batch (series.folderMoved). */
    private readonly events: EventTransactions,
    private readonly languagePreference: () => readonly string[],
  ) {
    this.seriesRepo = new SeriesRepository(db);
    this.episodesRepo = new EpisodesRepository(db);
    this.unmatchedRepo = new UnmatchedFilesRepository(db);
    this.downloadsRepo = new DownloadRepository(db);
  }

  /**
   * Persists a batch of folders in one transaction; `alongside` runs in it too, with the outcomes. Its
   * events are published once it committed.
   */
  applyBatch(
    folders: readonly ScannedFolder[],
    alongside?: (outcomes: FolderOutcome[]) => void,
  ): FolderOutcome[] {
    return this.events.transact((_tx, record) => {
      const outcomes = folders.map((f) => this.apply(f, record));
      alongside?.(outcomes);
      return outcomes;
    });
  }

  inTransaction(work: () => void): void {
    this.db.transaction(work);
  }

  /** Clears the files of series whose folder no longer exists under the root. */
  clearGone(seriesIds: readonly number[]): void {
    this.db.transaction(() => {
      for (const id of seriesIds) {
        this.episodesRepo.clearFiles(id);
        this.unmatchedRepo.clear(id);
      }
    });
  }

  private resolveSeries(
    scan: ScannedFolder,
    issues: ScanIssue[],
    record: RecordEvent,
  ): { row: SeriesRef; created: boolean } | null {
    const byFolder = this.seriesRepo.findRefByFolder(scan.folder);
    const identity = scan.identity;
    if (!identity) return byFolder ? { row: byFolder, created: false } : null;
    const byKey = this.seriesRepo.findRefByCatalogKey(identity.catalogKey);
    if (byKey) {
      if (byKey.folder === scan.folder) return { row: byKey, created: false };
      if (byFolder) {
        issues.push({
          path: scan.folder,
          problem: "identity-conflict",
          message: `the folder says ${identity.catalogKey}, which is on record for "${byKey.folder}"`,
        });
        return null;
      }
      // The folder was renamed on disk: follow it, and so do the downloads that write (or wrote) into it.
      this.seriesRepo.update(byKey.id, { folder: scan.folder });
      this.downloadsRepo.followFolderMove(byKey.folder, scan.folder);
      record({
        type: "series.folderMoved",
        seriesId: byKey.id,
        from: byKey.folder,
        to: scan.folder,
        timestamp: Date.now(),
      });
      return { row: { ...byKey, folder: scan.folder }, created: false };
    }
    if (byFolder) {
      issues.push({
        path: scan.folder,
        problem: "identity-conflict",
        message: `the folder says ${identity.catalogKey} but is on record as ${byFolder.catalogKey}`,
      });
      return null;
    }
    const row = this.seriesRepo.insertFromFolder({
      catalogKey: identity.catalogKey,
      title: identity.title || suggestFolderMatch(scan.folder)?.title || scan.folder,
      folder: scan.folder,
      year: identity.year,
    });
    return { row, created: true };
  }

  private apply(scan: ScannedFolder, record: RecordEvent): FolderOutcome {
    const issues = [...scan.issues];
    const outcome: FolderOutcome = {
      folder: scan.folder,
      status: "unmatched",
      seriesId: null,
      catalogKey: null,
      episodesOnDisk: 0,
      unparsed: scan.unparsed.length,
      unmatched: 0,
      suggestion: null,
      issues,
    };
    if (!scan.exists) {
      const row = this.seriesRepo.findRefByFolder(scan.folder);
      if (row) {
        this.episodesRepo.clearFiles(row.id);
        this.unmatchedRepo.clear(row.id);
      }
      return { ...outcome, status: "gone", seriesId: row?.id ?? null, catalogKey: row?.catalogKey ?? null };
    }
    const resolved = this.resolveSeries(scan, issues, record);
    if (!resolved) {
      const unreadable = scan.mtimes[""] === undefined;
      return {
        ...outcome,
        status: unreadable ? "unreadable" : "unmatched",
        suggestion: issues.some((i) => i.problem === "identity-conflict")
          ? null
          : suggestFolderMatch(scan.folder, scan.nfoTitle),
      };
    }
    const { row, created } = resolved;
    const { files, unmatched } = this.matchFiles(row, scan);
    this.episodesRepo.syncFiles(row.id, files, scan.complete);
    return {
      ...outcome,
      status: scan.mtimes[""] === undefined ? "unreadable" : created ? "created" : "matched",
      seriesId: row.id,
      catalogKey: row.catalogKey,
      episodesOnDisk: files.length,
      unmatched: unmatched.length,
    };
  }

  /** The folder's files attached to episodes (episode-matcher.ts), the rest recorded as unmatched. */
  private matchFiles(row: SeriesRef, scan: ScannedFolder) {
    const preference = row.languages ?? this.languagePreference();
    const rank = (language: string | null) => {
      const i = language === null ? -1 : preference.indexOf(language);
      return i === -1 ? preference.length : i;
    };
    const catalogue = () =>
      this.episodesRepo
        .listBySeries(row.id)
        .filter((e) => e.inCatalog)
        .map((e) => ({ season: e.season, number: e.number }));
    const result = matchEpisodeFiles(scan.files, scan.unparsed, catalogue, rank);
    this.unmatchedRepo.replace(row.id, result.unmatched, scan.complete);
    return result;
  }
}

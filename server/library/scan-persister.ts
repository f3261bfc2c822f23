import type { Db } from "../../db/connection.ts";
import { type EpisodeFile, EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { SeriesRow } from "../../db/schema/index.ts";
import { type FolderMatchSuggestion, suggestFolderMatch } from "../../shared/folder-match.ts";
import type { ScanIssue, ScannedFile, ScannedFolder } from "../../shared/library-scan.ts";

/** What one series folder turned out to be after a scan. */
export interface FolderOutcome {
  folder: string;
  /** matched = known series; created = series row recovered from the folder's identity; unmatched = no identity. */
  status: "matched" | "created" | "unmatched" | "unreadable" | "gone";
  seriesId: number | null;
  catalogKey: string | null;
  episodesOnDisk: number;
  unparsed: number;
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

  constructor(
    private readonly db: Db,
    private readonly languagePreference: () => readonly string[],
  ) {
    this.seriesRepo = new SeriesRepository(db);
    this.episodesRepo = new EpisodesRepository(db);
  }

  /** Persists a batch of folders in one transaction. */
  applyBatch(folders: readonly ScannedFolder[]): FolderOutcome[] {
    return this.db.transaction(() => folders.map((f) => this.apply(f)));
  }

  /** Clears the files of series whose folder no longer exists under the root. */
  clearGone(seriesIds: readonly number[]): void {
    this.db.transaction(() => {
      for (const id of seriesIds) this.episodesRepo.clearFiles(id);
    });
  }

  private resolveSeries(
    scan: ScannedFolder,
    issues: ScanIssue[],
  ): { row: SeriesRow; created: boolean } | null {
    const byFolder = this.seriesRepo.findByFolder(scan.folder);
    const identity = scan.identity;
    if (!identity) return byFolder ? { row: byFolder, created: false } : null;
    const byKey = this.seriesRepo.findByCatalogKey(identity.catalogKey);
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
      // The folder was renamed on disk: follow it.
      return { row: this.seriesRepo.update(byKey.id, { folder: scan.folder }) ?? byKey, created: false };
    }
    if (byFolder) {
      issues.push({
        path: scan.folder,
        problem: "identity-conflict",
        message: `the folder says ${identity.catalogKey} but is on record as ${byFolder.catalogKey}`,
      });
      return null;
    }
    const row = this.seriesRepo.insert({
      catalogKey: identity.catalogKey,
      title: identity.title || suggestFolderMatch(scan.folder)?.title || scan.folder,
      folder: scan.folder,
      year: identity.year,
    });
    return { row, created: true };
  }

  private apply(scan: ScannedFolder): FolderOutcome {
    const issues = [...scan.issues];
    const outcome: FolderOutcome = {
      folder: scan.folder,
      status: "unmatched",
      seriesId: null,
      catalogKey: null,
      episodesOnDisk: 0,
      unparsed: scan.unparsed.length,
      suggestion: null,
      issues,
    };
    if (!scan.exists) {
      const row = this.seriesRepo.findByFolder(scan.folder);
      if (row) this.episodesRepo.clearFiles(row.id);
      return { ...outcome, status: "gone", seriesId: row?.id ?? null, catalogKey: row?.catalogKey ?? null };
    }
    const resolved = this.resolveSeries(scan, issues);
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
    const files = this.episodeFiles(row, scan.files);
    this.episodesRepo.syncFiles(row.id, files, scan.complete);
    return {
      ...outcome,
      status: scan.mtimes[""] === undefined ? "unreadable" : created ? "created" : "matched",
      seriesId: row.id,
      catalogKey: row.catalogKey,
      episodesOnDisk: files.length,
    };
  }

  /**
   * One file per episode. Absolute numbers map onto the catalogue's episodes in order (seasons ≥ 1), or onto
   * season 1 when the catalogue has none. When two files claim an episode, the preferred language wins,
   * then the first path.
   */
  private episodeFiles(row: SeriesRow, files: readonly ScannedFile[]): EpisodeFile[] {
    let ordered: { season: number; number: number }[] | null = null;
    const preference = row.languages ?? this.languagePreference();
    const rank = (language: string | null) => {
      const i = language === null ? -1 : preference.indexOf(language);
      return i === -1 ? preference.length : i;
    };
    const chosen = new Map<string, EpisodeFile>();
    for (const file of files) {
      let targets: { season: number; number: number }[];
      if (file.season !== null) targets = file.episodes.map((number) => ({ season: file.season!, number }));
      else {
        ordered ??= this.episodesRepo
          .listBySeries(row.id)
          .filter((e) => e.inCatalog && e.season >= 1)
          .map((e) => ({ season: e.season, number: e.number }));
        const list = ordered;
        targets = file.absolute.map((n) => list[n - 1] ?? { season: 1, number: n });
      }
      for (const t of targets) {
        const key = `${t.season}:${t.number}`;
        const candidate: EpisodeFile = {
          season: t.season,
          number: t.number,
          filePath: file.path,
          fileSize: file.size,
          fileLanguage: file.language,
        };
        const current = chosen.get(key);
        if (!current || rank(candidate.fileLanguage) < rank(current.fileLanguage)) chosen.set(key, candidate);
      }
    }
    return [...chosen.values()];
  }
}

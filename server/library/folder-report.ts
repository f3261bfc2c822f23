import { type FolderMatchSuggestion, suggestFolderMatch } from "../../shared/folder-match.ts";
import type { ArtworkFlags, ScanIssue, ScannedFolder } from "../../shared/library-scan.ts";

/** One series folder as `aniworld scan` reports it (from disk only, no database). */
export interface FolderReport {
  folder: string;
  /** The catalogue key from the sidecar or tvshow.nfo; null = unmatched. */
  key: string | null;
  keySource: "sidecar" | "nfo" | null;
  title: string | null;
  /** For unmatched folders: the locally guessed title/slug (no catalogue search). */
  suggestion: FolderMatchSuggestion | null;
  /** Distinct episodes with a file: "S01E01" keys, plus absolute numbers as "#13". */
  episodesOnDisk: number;
  files: number;
  unparsed: string[];
  artwork: ArtworkFlags;
  complete: boolean;
  issues: ScanIssue[];
}

export function folderReport(scan: ScannedFolder): FolderReport {
  const episodes = new Set<string>();
  for (const f of scan.files) {
    if (f.season !== null) for (const e of f.episodes) episodes.add(`S${f.season}E${e}`);
    else for (const a of f.absolute) episodes.add(`#${a}`);
  }
  return {
    folder: scan.folder,
    key: scan.identity?.catalogKey ?? null,
    keySource: scan.identity?.source ?? null,
    title: scan.identity?.title || scan.nfoTitle,
    suggestion: scan.identity ? null : suggestFolderMatch(scan.folder, scan.nfoTitle),
    episodesOnDisk: episodes.size,
    files: scan.files.length,
    unparsed: scan.unparsed,
    artwork: scan.artwork,
    complete: scan.complete,
    issues: scan.issues,
  };
}

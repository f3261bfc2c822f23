import type { FolderMatchSuggestion } from "./folder-match.ts";
import type { ScanIssue } from "./library-scan.ts";

/** A folder under the library root without a catalogue identity, with a locally guessed match. */
export interface UnmatchedFolder {
  folder: string;
  suggestion: FolderMatchSuggestion | null;
}

/** The result of one scan job. */
export interface ScanSummary {
  /** Series folders looked at (including unchanged ones). */
  folders: number;
  /** Folders whose series is on record. */
  matched: number;
  /** Series rows recovered from a folder's identity (sidecar / tvshow.nfo). */
  created: number;
  /** Folders skipped because nothing in them changed since the last scan. */
  unchanged: number;
  unmatched: UnmatchedFolder[];
  unreadable: string[];
  /** Files attached to episodes in matched folders. */
  episodesOnDisk: number;
  /** Video files whose names gave no episode number. */
  unparsedFiles: number;
  /** Problems found (unreadable folders, symlinks leaving the root, identity conflicts); at most 200. */
  issues: ScanIssue[];
  durationMs: number;
}

/** One scan job as library.scanStatus reports it: progress while running, the summary when done. */
export interface ScanJobStatus {
  jobId: string;
  kind: "full" | "series";
  /** The folders of a targeted scan; null for a full scan. */
  folders: string[] | null;
  state: "queued" | "running" | "completed" | "failed";
  done: number;
  total: number;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  result: ScanSummary | null;
}

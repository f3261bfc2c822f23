import { rmdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import type { DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import { removeTransferLeftovers } from "./transfer/transfer-paths.ts";

/**
 * What a download that did not finish leaves in the library, and removing it: the files its transfers wrote
 * beside the episode's name (see transfer-paths.ts) and the folders it made for them. Finished episode files
 * and everything that was there before stay.
 */

/** Where one download writes; enough to clean up after it once its row is gone. */
export interface DownloadPlace {
  /** The episode's file name without extension, relative to the library root; null: it never chose one. */
  targetPath: string | null;
  /** The outermost folder it made for that file, relative to the library root; null: it made none. */
  createdFolder: string | null;
  /** Its series' folder, relative to the library root: never removed here. */
  seriesFolder: string;
}

export const downloadPlaceOf = (row: DownloadWithEpisode): DownloadPlace => ({
  targetPath: row.download.targetPath,
  createdFolder: row.download.createdFolder,
  seriesFolder: row.series.folder,
});

/** Whether a download still in progress writes below `folder` (relative to the library root). */
export type FolderInUse = (folder: string) => boolean;

/**
 * The folder to remember as made by a download that writes into `dir`, given what `mkdir -p` reported it
 * made (`made`, an absolute path or undefined): the outermost one inside the series folder, never the series
 * folder itself or anything above it. Null when it made none of those.
 */
export function madeFolderWithin(seriesDir: string, dir: string, made: string | undefined): string | null {
  if (!made || !isBelow(seriesDir, dir)) return null;
  if (isBelow(seriesDir, made)) return made;
  // mkdir made the series folder (or more) too: only the first folder inside it belongs to the download.
  const first = relative(seriesDir, dir).split(sep)[0];
  return first ? join(seriesDir, first) : null;
}

/**
 * Removes every file the transfers of the download at `place` may have left, then the folders it made when
 * they are empty, innermost first. A folder another download in progress writes below stays: that download
 * may not have opened its file yet.
 */
export async function removeDownloadLeftovers(
  libraryRoot: string,
  place: DownloadPlace,
  inUse: FolderInUse,
): Promise<void> {
  if (!place.targetPath) return;
  const base = resolveInsideRoot(libraryRoot, place.targetPath);
  await removeTransferLeftovers(base);
  if (place.createdFolder) removeMadeFolders(libraryRoot, place, dirname(base), inUse);
}

/**
 * Synchronous on purpose: between the in-use check and the last rmdir no other download can claim a name
 * below these folders (claims happen on the event loop too).
 */
function removeMadeFolders(root: string, place: DownloadPlace, innermost: string, inUse: FolderInUse): void {
  if (!place.createdFolder) return;
  const seriesDir = resolveInsideRoot(root, place.seriesFolder);
  const outermost = resolveInsideRoot(root, place.createdFolder);
  if (!isBelow(seriesDir, outermost)) return;
  // The file's folder lies inside the one the download made, unless the naming template changed since.
  let dir = innermost === outermost || isBelow(outermost, innermost) ? innermost : outermost;
  for (;;) {
    if (inUse(relative(root, dir))) return;
    try {
      rmdirSync(dir);
    } catch (error) {
      // Not empty (it holds something else) or not ours to remove: it and its parents stay.
      if ((error as { code?: string }).code !== "ENOENT") return;
    }
    if (dir === outermost) return;
    dir = dirname(dir);
  }
}

/** `child` lies strictly inside `parent` (both absolute). */
function isBelow(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

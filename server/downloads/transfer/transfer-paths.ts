import type { Dirent } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { MediaSource } from "../hosters/hoster-extractor.ts";

/**
 * The names of every file a transfer writes, in one place. The finished episode is `<base><ext>`; until then
 * its bytes sit beside it under names no media server or library scan takes for a video:
 *
 *   <base><ext>.part   the bytes: `.ts.part` for HLS, the file's own extension for a direct file, and
 *                      `<base>.mp4.part` while an HLS download is remuxed to mp4
 *   <part>.json        how far an HLS stream got, to resume from
 *   <part>.s<N>        an HLS segment waiting in slot N of the fetch window
 *   <part>.audio       an HLS stream's separate audio rendition, with its own `.json` and `.s<N>`
 */

/** Extensions a direct file keeps from its URL; any other file becomes .mp4. */
const FILE_EXTENSIONS = [".mp4", ".mkv", ".webm", ".m4v", ".avi"];

/** The final file's extension for a source: known from the URL for files, mp4 (remuxed) or ts for HLS. */
export function extensionFor(source: MediaSource, ffmpeg: string | null): string {
  if (source.kind === "hls") return ffmpeg ? ".mp4" : ".ts";
  const path = new URL(source.url).pathname.toLowerCase();
  return FILE_EXTENSIONS.find((e) => path.endsWith(e)) ?? ".mp4";
}

/** Where the bytes of a source go while downloading. */
export function partPathFor(base: string, source: MediaSource): string {
  return `${base}${source.kind === "hls" ? ".ts" : extensionFor(source, null)}.part`;
}

/** Where ffmpeg writes the mp4 it makes of a finished HLS download, until it is renamed to `finalPath`. */
export const remuxPartPathFor = (finalPath: string): string => `${finalPath}.part`;

/** Where an HLS stream's separate audio rendition goes, beside the stream's own part file. */
export const audioPartPathOf = (partPath: string): string => `${partPath}.audio`;

/** The resume state of the HLS stream written to `partPath`. */
export const resumeStatePathOf = (partPath: string): string => `${partPath}.json`;

/** The file where the segment fetched in `slot` of the window waits for its turn. */
export const segmentSlotPathOf = (partPath: string, slot: number): string => `${partPath}.s${slot}`;

/** What follows `<base>` in the name of a file a transfer to `<base>` leaves, exactly as it writes them. */
const LEFTOVER_AFTER_BASE = new RegExp(
  `^\\.(?:ts|${FILE_EXTENSIONS.map((e) => e.slice(1)).join("|")})\\.part(?:\\.audio)?(?:\\.json|\\.s\\d+)?$`,
);

/**
 * Removes every file any transfer to `base` (an absolute path without extension) may have left: the part of
 * each kind with its resume state, segment slots (of any window width) and audio rendition. The finished
 * file and the files of other episodes stay. A folder that does not exist holds nothing to remove.
 */
export async function removeTransferLeftovers(base: string): Promise<void> {
  const dir = dirname(base);
  const stem = basename(base);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return;
    throw error;
  }
  const leftovers = entries.filter(
    (e) => !e.isDirectory() && e.name.startsWith(stem) && LEFTOVER_AFTER_BASE.test(e.name.slice(stem.length)),
  );
  await Promise.all(leftovers.map((e) => rm(join(dir, e.name), { force: true })));
}

import { rmdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { DownloadRepository, DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import { isStrictlyInside, resolveInsideRoot } from "../fs/inside-root.ts";
import type { Logger } from "../logger.ts";
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

/**
 * The folder to remember as made by a download that writes into `dir`, given what `mkdir -p` reported it
 * made (`made`, an absolute path or undefined): the outermost one inside the series folder, never the series
 * folder itself or anything above it. Null when it made none of those.
 */
export function madeFolderWithin(seriesDir: string, dir: string, made: string | undefined): string | null {
  if (!made || !isStrictlyInside(seriesDir, dir)) return null;
  if (isStrictlyInside(seriesDir, made)) return made;
  // mkdir made the series folder (or more) too: only the first folder inside it belongs to the download.
  const first = relative(seriesDir, dir).split(sep)[0];
  return first ? join(seriesDir, first) : null;
}

/**
 * Removes what downloads left. A folder another unfinished download writes below always stays: that
 * download may not have opened its file yet.
 */
export class DownloadLeftovers {
  constructor(
    private readonly libraryRoot: string,
    private readonly repo: DownloadRepository,
    private readonly logger: Logger,
  ) {}

  /**
   * Read while the rows of series `seriesId` still exist: the function returned removes what its unfinished
   * downloads left, once the rows are gone. A running one is waited for first (`stopped`: when its run ends).
   */
  ofSeries(seriesId: number, stopped: (id: number) => Promise<void> | undefined): () => Promise<void> {
    return this.ofRows(this.repo.ofSeries(seriesId), stopped);
  }

  /**
   * Read while the rows of failed and cancelled downloads (the given ones, or all) still exist: the function
   * returned removes what they left, once they are removed from the history.
   */
  ofFinished(ids?: number[]): () => Promise<void> {
    return this.ofRows(this.repo.failedOrCancelledWithName(ids), () => undefined);
  }

  private ofRows(
    rows: DownloadWithEpisode[],
    stopped: (id: number) => Promise<void> | undefined,
  ): () => Promise<void> {
    const places = rows
      .filter((r) => r.download.state !== "completed")
      .map((r) => ({ id: r.download.id, place: downloadPlaceOf(r) }));
    return async () => {
      const warn = (id: number, place: DownloadPlace) => (error: unknown) =>
        this.logger.warn("a removed download left files", { id, place, error });
      for (const { id, place } of places) {
        await stopped(id);
        await this.removeFiles(id, place).catch(warn(id, place));
      }
      // Once every file is gone: a folder one of them made may have held the others' files.
      for (const { id, place } of places) {
        try {
          this.removeEmptyFolders(id, place);
        } catch (error) {
          warn(id, place)(error);
        }
      }
    };
  }

  /**
   * Every file the transfers of download `id` at `place` may have left, then the folders it made, when they
   * are empty.
   */
  async remove(id: number, place: DownloadPlace): Promise<void> {
    await this.removeFiles(id, place);
    this.removeEmptyFolders(id, place);
  }

  /** Not while another download of the episode writes under the same name: they are its files now. */
  private async removeFiles(id: number, place: DownloadPlace): Promise<void> {
    if (place.targetPath && !this.repo.writesAt(place.targetPath, id))
      await removeTransferLeftovers(resolveInsideRoot(this.libraryRoot, place.targetPath));
  }

  /**
   * The folders download `id` made, innermost first, while they are empty. One another unfinished download
   * writes below is handed over to it, to remove when it goes. Synchronous on purpose: between the in-use
   * check and the last rmdir no other download can claim a name below them (claims are made on the event
   * loop too).
   */
  removeEmptyFolders(id: number, place: DownloadPlace): void {
    if (!place.targetPath || !place.createdFolder) return;
    const root = this.libraryRoot;
    const seriesDir = resolveInsideRoot(root, place.seriesFolder);
    const outermost = resolveInsideRoot(root, place.createdFolder);
    if (!isStrictlyInside(seriesDir, outermost)) return;
    const innermost = dirname(resolveInsideRoot(root, place.targetPath));
    // The file's folder lies inside the one the download made, unless the naming template changed since.
    let dir = innermost === outermost || isStrictlyInside(outermost, innermost) ? innermost : outermost;
    for (;;) {
      if (this.repo.writesBelow(relative(root, dir), id)) {
        this.repo.handOverFolder(relative(root, outermost), id);
        return;
      }
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
}

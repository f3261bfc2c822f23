import { realpath, stat } from "node:fs/promises";
import { sep } from "node:path";
import type { Db } from "../../db/connection.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import { type ArtworkName, artworkContentType, isArtworkName } from "../../shared/artwork.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";

export interface ArtworkFile {
  /** Real (symlink-free) path of the file, inside the library root. */
  path: string;
  size: number;
  mtimeMs: number;
  contentType: string;
}

/**
 * Finds one artwork file of a series for the /artwork route: the name must be on the allow-list, the
 * folder is the series row's, and the file's real path (symlinks of the folder or the file resolved) must
 * lie inside the real library root. Anything else is "absent" (null): callers answer 404 and learn nothing.
 */
export class ArtworkService {
  private readonly seriesRepo: SeriesRepository;

  constructor(
    db: Db,
    private readonly libraryRoot: string,
  ) {
    this.seriesRepo = new SeriesRepository(db);
  }

  async find(seriesId: number, name: string): Promise<ArtworkFile | null> {
    if (!isArtworkName(name)) return null;
    // The web app asks for poster.jpg; a PNG cover kept as it came is the same poster.
    if (name === "poster.jpg") return (await this.file(seriesId, name)) ?? this.file(seriesId, "poster.png");
    return this.file(seriesId, name);
  }

  private async file(seriesId: number, name: ArtworkName): Promise<ArtworkFile | null> {
    const row = this.seriesRepo.findById(seriesId);
    if (!row) return null;
    try {
      const folder = resolveInsideRoot(this.libraryRoot, row.folder);
      const [realRoot, real] = await Promise.all([
        realpath(this.libraryRoot),
        realpath(`${folder}${sep}${name}`),
      ]);
      if (!real.startsWith(realRoot + sep)) return null;
      const info = await stat(real);
      if (!info.isFile()) return null;
      return {
        path: real,
        size: info.size,
        mtimeMs: info.mtimeMs,
        contentType: artworkContentType(name),
      };
    } catch {
      // Missing file, a folder name that escapes the root, a broken link, no permission: all "absent".
      return null;
    }
  }
}

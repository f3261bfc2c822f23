import type { Database } from "bun:sqlite";
import { readdirSync } from "node:fs";

/**
 * The series folder names in use, in memory, so series.add finds a free name without touching the disk.
 * Loaded once (every `series.folder` plus every entry of the library root at that moment) and kept by
 * the add/remove path. Compared case-insensitively, as on the file systems that ignore case. A name taken
 * behind our back (a scan adding a series, a folder created by hand) is caught by the unique index on
 * `series.folder` when inserting (the caller then marks it taken and tries the next name).
 */
export class FolderNames {
  private taken: Set<string> | null = null;

  constructor(
    private readonly sqlite: Database,
    private readonly libraryRoot: string,
  ) {}

  isTaken(name: string): boolean {
    return this.names().has(name.toLowerCase());
  }

  claim(name: string): void {
    this.names().add(name.toLowerCase());
  }

  release(name: string): void {
    this.names().delete(name.toLowerCase());
  }

  private names(): Set<string> {
    if (this.taken) return this.taken;
    const taken = new Set<string>();
    for (const row of this.sqlite.query<{ folder: string }, []>("SELECT folder FROM series").iterate())
      taken.add(row.folder.toLowerCase());
    try {
      for (const entry of readdirSync(this.libraryRoot)) taken.add(entry.toLowerCase());
    } catch {
      // No library root yet: nothing on disk to collide with.
    }
    this.taken = taken;
    return taken;
  }
}

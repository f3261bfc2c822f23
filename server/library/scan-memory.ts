import * as v from "valibot";
import type { Db } from "../../db/connection.ts";
import { LibraryStateRepository } from "../../db/repositories/library-state-repository.ts";
import { ScanIssueSchema } from "../../shared/library-scan.ts";
import type { FolderOutcome } from "./scan-persister.ts";

const FolderOutcomeSchema = v.object({
  folder: v.string(),
  status: v.picklist(["matched", "created", "unmatched", "unreadable", "gone"]),
  seriesId: v.nullable(v.pipe(v.number(), v.integer())),
  catalogKey: v.nullable(v.string()),
  episodesOnDisk: v.pipe(v.number(), v.integer(), v.minValue(0)),
  unparsed: v.pipe(v.number(), v.integer(), v.minValue(0)),
  // Rows written before unmatched files were counted have none.
  unmatched: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  suggestion: v.nullable(
    v.object({ title: v.string(), year: v.nullable(v.number()), slug: v.string(), catalogKey: v.string() }),
  ),
  issues: v.array(ScanIssueSchema),
});
const MtimesSchema = v.record(v.string(), v.number());

export interface FolderMemory {
  mtimes: Record<string, number>;
  outcome: FolderOutcome;
}

/**
 * What the last scan saw per series folder (mtimes of every folder read, and the outcome), in memory and
 * in library_folder_state, so the first scan after a restart is as incremental as every other one. Writes are
 * meant to run inside the transaction that persists the folder's episodes: state and episodes agree even
 * after a crash. A stored row that does not validate is ignored (that folder is simply read again).
 */
export class ScanMemory {
  private readonly repo: LibraryStateRepository;
  private known: Map<string, FolderMemory> | null = null;

  constructor(db: Db) {
    this.repo = new LibraryStateRepository(db);
  }

  private map(): Map<string, FolderMemory> {
    if (this.known) return this.known;
    const known = new Map<string, FolderMemory>();
    for (const row of this.repo.list()) {
      try {
        const mtimes = v.safeParse(MtimesSchema, JSON.parse(row.mtimes));
        const outcome = v.safeParse(FolderOutcomeSchema, JSON.parse(row.outcome));
        if (mtimes.success && outcome.success && outcome.output.folder === row.folder)
          known.set(row.folder, { mtimes: mtimes.output, outcome: outcome.output });
      } catch {
        // Damaged JSON: forget the row; the folder is read again.
      }
    }
    this.known = known;
    return known;
  }

  get(folder: string): FolderMemory | undefined {
    return this.map().get(folder);
  }

  entries(): IterableIterator<[string, FolderMemory]> {
    return this.map().entries();
  }

  remember(folder: string, memory: FolderMemory): void {
    this.map().set(folder, memory);
    this.repo.save(folder, memory.mtimes, memory.outcome);
  }

  forget(folder: string): void {
    this.map().delete(folder);
    this.repo.delete(folder);
  }
}

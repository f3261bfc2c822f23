/** User adds (and retries) go before the startup backfill. Lower runs first. */
export const PRIORITY = { user: 0, backfill: 1 } as const;
export type Priority = keyof typeof PRIORITY;

export type PushOutcome = "added" | "promoted" | "present";

/** The next series to load, and whether the worker made its folder while it waited (its job skips that). */
export interface Waiting {
  seriesId: number;
  folderPrepared: boolean;
}

/**
 * The loader's waiting line: FIFO within a priority, each series at most once. Map keeps insertion order,
 * so shift and delete are O(1) and a promoted entry joins the end of its new priority. Each entry holds
 * whether its folder is prepared, so that fact leaves the line with the series (run or cancelled).
 */
export class LoaderQueue {
  private readonly lanes: Map<number, boolean>[] = [new Map(), new Map()];
  private readonly priorityOf = new Map<number, Priority>();

  push(seriesId: number, priority: Priority): PushOutcome {
    const current = this.priorityOf.get(seriesId);
    if (current !== undefined) {
      if (PRIORITY[priority] >= PRIORITY[current]) return "present";
      const lane = this.lanes[PRIORITY[current]]!;
      const folderPrepared = lane.get(seriesId) ?? false;
      lane.delete(seriesId);
      this.lanes[PRIORITY[priority]]!.set(seriesId, folderPrepared);
      this.priorityOf.set(seriesId, priority);
      return "promoted";
    }
    this.lanes[PRIORITY[priority]]!.set(seriesId, false);
    this.priorityOf.set(seriesId, priority);
    return "added";
  }

  /** Notes that a waiting series' folder exists; false (nothing noted) when the series is not waiting. */
  markFolderPrepared(seriesId: number): boolean {
    const current = this.priorityOf.get(seriesId);
    if (current === undefined) return false;
    this.lanes[PRIORITY[current]]!.set(seriesId, true); // an existing key keeps its place in the line
    return true;
  }

  shift(): Waiting | undefined {
    for (const lane of this.lanes) {
      const first = lane.entries().next();
      if (!first.done) {
        const [seriesId, folderPrepared] = first.value;
        lane.delete(seriesId);
        this.priorityOf.delete(seriesId);
        return { seriesId, folderPrepared };
      }
    }
    return undefined;
  }

  delete(seriesId: number): boolean {
    const current = this.priorityOf.get(seriesId);
    if (current === undefined) return false;
    this.lanes[PRIORITY[current]]!.delete(seriesId);
    this.priorityOf.delete(seriesId);
    return true;
  }

  has(seriesId: number): boolean {
    return this.priorityOf.has(seriesId);
  }

  get size(): number {
    return this.priorityOf.size;
  }

  /** Waiting series in the order they would run. */
  list(): number[] {
    return this.lanes.flatMap((lane) => [...lane.keys()]);
  }
}

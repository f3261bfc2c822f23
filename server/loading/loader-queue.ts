/** User adds (and retries) go before the startup backfill. Lower runs first. */
export const PRIORITY = { user: 0, backfill: 1 } as const;
export type Priority = keyof typeof PRIORITY;

export type PushOutcome = "added" | "promoted" | "present";

/**
 * The loader's waiting line: FIFO within a priority, each series at most once. Map keeps insertion order,
 * so shift and delete are O(1) and a promoted entry joins the end of its new priority.
 */
export class LoaderQueue {
  private readonly lanes: Map<number, true>[] = [new Map(), new Map()];
  private readonly priorityOf = new Map<number, Priority>();

  push(seriesId: number, priority: Priority): PushOutcome {
    const current = this.priorityOf.get(seriesId);
    if (current !== undefined) {
      if (PRIORITY[priority] >= PRIORITY[current]) return "present";
      this.lanes[PRIORITY[current]]!.delete(seriesId);
      this.lanes[PRIORITY[priority]]!.set(seriesId, true);
      this.priorityOf.set(seriesId, priority);
      return "promoted";
    }
    this.lanes[PRIORITY[priority]]!.set(seriesId, true);
    this.priorityOf.set(seriesId, priority);
    return "added";
  }

  shift(): number | undefined {
    for (const lane of this.lanes) {
      const first = lane.keys().next();
      if (!first.done) {
        lane.delete(first.value);
        this.priorityOf.delete(first.value);
        return first.value;
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

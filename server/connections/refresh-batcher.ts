export interface RefreshBatcherOptions {
  /** Refreshes one series (every media server, once); called with the series id. */
  flush: (seriesId: number) => void;
  /** True while the series still has downloads queued or running: its refresh waits for them. */
  busy: (seriesId: number) => boolean;
  /** Quiet time after the last change of a series before it is refreshed. */
  quietMs?: number;
  /** A refresh never waits longer than this after the first change (a stuck queue). */
  maxWaitMs?: number;
}

/**
 * Collects changes per series so a season of downloads causes one media-server refresh per series, not
 * one per file: a series is flushed when it was quiet for `quietMs` and none of its downloads is queued
 * or running any more, or at the latest `maxWaitMs` after its first change.
 */
export class RefreshBatcher {
  private readonly pending = new Map<number, { firstAt: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly o: RefreshBatcherOptions) {
    this.quietMs = o.quietMs ?? 2_000;
    this.maxWaitMs = o.maxWaitMs ?? 15 * 60_000;
  }

  /** Notes a change of the series (a file landed, its metadata was written). */
  changed(seriesId: number): void {
    const entry = this.pending.get(seriesId);
    if (entry) clearTimeout(entry.timer);
    this.arm(seriesId, entry?.firstAt ?? Date.now());
  }

  /** Series waiting for their refresh. */
  get size(): number {
    return this.pending.size;
  }

  stop(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private arm(seriesId: number, firstAt: number): void {
    const timer = setTimeout(() => {
      if (this.o.busy(seriesId) && Date.now() - firstAt < this.maxWaitMs) {
        this.arm(seriesId, firstAt);
        return;
      }
      this.pending.delete(seriesId);
      this.o.flush(seriesId);
    }, this.quietMs);
    timer.unref?.();
    this.pending.set(seriesId, { firstAt, timer });
  }
}

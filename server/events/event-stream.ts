import type { DomainEventType, StoredEvent } from "../../shared/events.ts";
import type { EventsService } from "./events-service.ts";

export interface StreamItem<T> {
  id: number;
  value: T;
}

export interface EventStreamOptions<T> {
  events: EventsService;
  topics: readonly DomainEventType[];
  seriesId?: number;
  /** Resume after this event id (replay from the log, no snapshot); null = start with the snapshot. */
  afterId: number | null;
  /** The current state, read synchronously right after subscribing. */
  snapshot: () => T[];
  map: (stored: StoredEvent) => T;
  signal?: AbortSignal;
  /** Live events buffered for a slow consumer before falling back to reading the log. */
  maxBuffer?: number;
}

/**
 * The one subscription helper: snapshot or replay, then live events — with no gap and no duplicate. The
 * bus listener is attached first and buffers; the snapshot/replay is read next (SQLite reads are
 * synchronous, so nothing commits in between); then the buffer drains, skipping every id already sent.
 * A consumer that falls too far behind loses its buffer and continues from the persisted log instead, so
 * memory stays bounded. Live ticks (not stored) pass through with the id of the last stored event sent,
 * so a client resuming from it misses no stored event; ticks dropped while reading the log are not replayed.
 */
export async function* streamEvents<T>(options: EventStreamOptions<T>): AsyncGenerator<StreamItem<T>> {
  const { events, topics, seriesId, signal } = options;
  const maxBuffer = options.maxBuffer ?? 5_000;
  const wanted = new Set(topics);
  let queue: StoredEvent[] = [];
  let fromLog = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const unsubscribe = events.subscribe((stored) => {
    if (!wanted.has(stored.event.type)) return;
    if (seriesId !== undefined && stored.event.seriesId !== seriesId) return;
    if (fromLog) return;
    queue.push(stored);
    if (!stored.live) events.noteStreamed();
    if (queue.length > maxBuffer) {
      queue = [];
      fromLog = true;
    }
    notify();
  });
  signal?.addEventListener("abort", notify, { once: true });
  try {
    let lastSent: number;
    if (options.afterId === null) {
      lastSent = events.log.lastId();
      for (const value of options.snapshot()) yield { id: lastSent, value };
    } else {
      lastSent = options.afterId;
      fromLog = true;
    }
    while (!signal?.aborted) {
      if (fromLog) {
        fromLog = false;
        const rows = events.log.replay(lastSent, topics, seriesId, maxBuffer);
        if (rows.length === maxBuffer) fromLog = true;
        queue = [...rows, ...queue.filter((e) => !e.live && e.id > (rows.at(-1)?.id ?? lastSent))];
      }
      const next = queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (next.live) {
        yield { id: lastSent, value: options.map(next) };
        continue;
      }
      if (next.id <= lastSent) continue;
      lastSent = next.id;
      yield { id: next.id, value: options.map(next) };
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", notify);
  }
}

/** The download queue in the query cache, and the pure fold of `downloads.progress` events into it. */
import type { QueueEvent, QueueProgressFields } from "../../../shared/downloads.ts";

export const DOWNLOADS_KEY = ["downloads.list"] as const;

/** A queue item as far as the fold needs it (any DownloadItem is one). */
export type QueueItem = QueueProgressFields;
export type { QueueEvent };

/** The list after one event (new array when something changed) and the item's previous state. */
export function applyDownloadEvent<T extends QueueItem>(
  list: readonly T[] | undefined,
  event: QueueEvent<T>,
): { list: T[] | undefined; previous?: T } {
  switch (event.type) {
    case "snapshot":
      return { list: event.items };
    case "removed":
      return { list: list?.filter((d) => !event.ids.includes(d.id)) };
    case "item": {
      const items = list ?? [];
      const index = items.findIndex((d) => d.id === event.item.id);
      if (index < 0) return { list: [...items, event.item] };
      const next = [...items];
      next[index] = event.item;
      return { list: next, previous: items[index] };
    }
    case "progress": {
      if (!list) return { list };
      const index = list.findIndex((d) => d.id === event.id);
      const current = list[index];
      if (!current) return { list: list as T[] };
      const next = [...list];
      const { type: _type, id: _id, ...figures } = event;
      next[index] = { ...current, ...figures };
      return { list: next, previous: current };
    }
  }
}

export const ACTIVE = new Set(["queued", "resolving", "downloading", "paused"]);

/**
 * Whether an item event finished a download (completed or failed) as far as this client knows: the state
 * changed, or the item is first seen already finished (a fast download can finish before the list has it).
 */
export function finishedNow<T extends QueueItem>(previous: T | undefined, item: T): boolean {
  const done = item.state === "completed" || item.state === "failed";
  return done && previous?.state !== item.state;
}

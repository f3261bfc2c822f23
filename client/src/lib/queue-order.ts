/** The queue as the user reorders it: only waiting items (queued or paused) have a place to move to. */

export interface Queued {
  id: number;
  state: string;
  position: number;
}

export const isWaiting = (state: string) => state === "queued" || state === "paused";

/** Active items in queue order: running first (they hold their slot), then the waiting ones by position. */
export function queueOrder<T extends Queued>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      Number(isWaiting(a.state)) - Number(isWaiting(b.state)) || a.position - b.position || a.id - b.id,
  );
}

/** The waiting items' ids in order: what `downloads.move`'s position counts. */
export function waitingIds(items: readonly Queued[]): number[] {
  return queueOrder(items)
    .filter((i) => isWaiting(i.state))
    .map((i) => i.id);
}

/**
 * The position to send when `id` moves `by` places (negative = up), or null when it cannot move: it is
 * running, or already at that end.
 */
export function stepTarget(items: readonly Queued[], id: number, by: number): number | null {
  const waiting = waitingIds(items);
  const from = waiting.indexOf(id);
  if (from < 0) return null;
  const to = Math.max(0, Math.min(waiting.length - 1, from + by));
  return to === from ? null : to;
}

/** The position to send when `id` is dropped onto `target` (it takes the target's place), or null. */
export function dropTarget(items: readonly Queued[], id: number, target: number): number | null {
  const waiting = waitingIds(items);
  const from = waiting.indexOf(id);
  const to = waiting.indexOf(target);
  if (from < 0 || to < 0 || from === to) return null;
  return to;
}

/** The list as it will be after a move (shown at once, before the server's snapshot confirms it). */
export function applyMove<T extends Queued>(items: readonly T[], id: number, to: number): T[] {
  const ordered = queueOrder(items);
  const running = ordered.filter((i) => !isWaiting(i.state));
  const waiting = ordered.filter((i) => isWaiting(i.state));
  const from = waiting.findIndex((i) => i.id === id);
  if (from < 0) return [...items];
  const [moved] = waiting.splice(from, 1);
  if (moved) waiting.splice(Math.min(to, waiting.length), 0, moved);
  return [...running, ...waiting].map((item, i) => ({ ...item, position: i + 1 }));
}

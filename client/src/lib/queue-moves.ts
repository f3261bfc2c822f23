import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { createEffect, createSignal } from "solid-js";
import { useApi } from "./api-context.tsx";
import { downloadsFeed } from "./downloads-feed.ts";
import { errorMessage } from "./error-message.ts";
import { applyMove, type Queued } from "./queue-order.ts";
import { useToasts } from "./toasts.tsx";

interface PendingMove {
  key: number;
  id: number;
  position: number;
  /** Snapshots seen when it was sent: the server answers a move with one more. */
  snapshotsBefore: number;
  /** Once accepted: the first HTTP read that shows it (the list refreshed without the socket). */
  shownByRead: number | null;
}

/**
 * downloads.move, shown at once: pending moves are laid over the live list instead of written into the
 * cache, which stays the subscription's. A refused move just leaves (the list under it never changed); an
 * accepted one leaves once the server's snapshot after it has arrived (or, without the socket, an HTTP
 * refresh read after it was accepted), so the order never flickers back.
 */
export function useQueueMoves() {
  const api = useApi();
  const toasts = useToasts();
  const feed = downloadsFeed(useQueryClient());
  const [pending, setPending] = createSignal<readonly PendingMove[]>([]);
  let keys = 0;

  const mutation = useMutation(() => ({
    mutationFn: (input: { id: number; position: number }) => api.client.downloads.move.mutate(input),
    onMutate: (input) => {
      const move = { key: ++keys, ...input, snapshotsBefore: feed.snapshots(), shownByRead: null };
      setPending((p) => [...p, move]);
      return move.key;
    },
    onSuccess: (_done, _input, key) =>
      setPending((p) => p.map((m) => (m.key === key ? { ...m, shownByRead: feed.nextRead() } : m))),
    onError: (error, _input, key) => {
      setPending((p) => p.filter((m) => m.key !== key));
      toasts.push("error", `Could not move: ${errorMessage(error)}`);
    },
  }));
  createEffect(() => {
    const seen = feed.snapshots();
    const refreshed = feed.refreshedFrom();
    const p = pending();
    const open = p.filter(
      (m) => m.shownByRead === null || (seen <= m.snapshotsBefore && refreshed < m.shownByRead),
    );
    if (open.length !== p.length) setPending(open);
  });

  return {
    /** The list as it will be once the pending moves are through. */
    shown: <T extends Queued>(items: readonly T[]): T[] =>
      pending().reduce((list, m) => applyMove(list, m.id, m.position), [...items]),
    move: (input: { id: number; position: number }) => mutation.mutate(input),
  };
}

import { useMutation } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, Show } from "solid-js";
import { ActivityNav } from "../components/section-navs.tsx";
import { SelectAllCheckbox } from "../components/select-all-checkbox.tsx";
import { StaleBadge } from "../components/stale-badge.tsx";
import { useApi } from "../lib/api-context.tsx";
import { ACTIVE } from "../lib/downloads-cache.ts";
import { useDownloads } from "../lib/downloads-queries.ts";
import { errorMessage } from "../lib/error-message.ts";
import { useQueueMoves } from "../lib/queue-moves.ts";
import { dropTarget, queueOrder, stepTarget } from "../lib/queue-order.ts";
import { useToasts } from "../lib/toasts.tsx";
import { QueueRow, type RowAction } from "./activity/queue-row.tsx";

type Bulk = "pause" | "resume" | "cancel";

/**
 * The download queue as a dense table: live progress, multi-select with bulk pause/resume/cancel, reorder
 * by drag and drop or from the keyboard, and each item's tries in a details row.
 */
export function ActivityPage() {
  const api = useApi();
  const toasts = useToasts();
  const downloads = useDownloads();
  const moves = useQueueMoves();
  const queue = createMemo(() =>
    queueOrder(moves.shown((downloads.data ?? []).filter((d) => ACTIVE.has(d.state)))),
  );
  const byId = createMemo(() => new Map(queue().map((d) => [d.id, d])));
  const ids = createMemo(() => queue().map((d) => d.id));
  const [selected, setSelected] = createSignal<ReadonlySet<number>>(new Set());
  const [expanded, setExpanded] = createSignal<ReadonlySet<number>>(new Set());
  const [dragging, setDragging] = createSignal<number | null>(null);
  const [refocus, setRefocus] = createSignal<number | null>(null);
  const toggle = (set: ReadonlySet<number>, id: number, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const selectedIds = () => ids().filter((id) => selected().has(id));

  const act = useMutation(() => ({
    mutationFn: async (input: { ids: number[]; action: Bulk }) => {
      const c = api.client.downloads;
      const results = await Promise.allSettled(input.ids.map((id) => c[input.action].mutate({ id })));
      const failed = results.filter((r) => r.status === "rejected");
      if (failed.length) throw failed[0]?.status === "rejected" ? failed[0].reason : new Error("failed");
    },
    onError: (error) => toasts.push("error", errorMessage(error)),
  }));
  const step = (id: number, by: number) => {
    const position = stepTarget(queue(), id, by);
    if (position === null) return;
    setRefocus(id);
    moves.move({ id, position });
  };
  // Keyboard reordering keeps focus on the moved item's handle.
  createEffect(() => {
    ids();
    const id = refocus();
    if (id === null) return;
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-handle="${id}"]`)?.focus());
  });

  return (
    <section class="page" aria-labelledby="activity-title">
      <div class="section-head">
        <h1 id="activity-title">
          Activity <StaleBadge query={downloads} />
        </h1>
        <div class="form-actions">
          <button
            type="button"
            onClick={() => act.mutate({ ids: ids(), action: "pause" })}
            disabled={!ids().length}
          >
            Pause all
          </button>
          <button
            type="button"
            onClick={() =>
              void api.client.downloads.resume
                .mutate({})
                .catch((e: unknown) => toasts.push("error", errorMessage(e)))
            }
          >
            Resume all
          </button>
        </div>
      </div>
      <ActivityNav />
      <Show
        when={downloads.data}
        fallback={<p>{downloads.isError ? errorMessage(downloads.error) : "Loading…"}</p>}
      >
        <div class="toolbar bulk-bar" role="toolbar" aria-label="Selected downloads">
          <span aria-live="polite">{selectedIds().length} selected</span>
          <For each={["pause", "resume", "cancel"] as const}>
            {(a) => (
              <button
                type="button"
                classList={{ danger: a === "cancel" }}
                disabled={selectedIds().length === 0 || act.isPending}
                onClick={() => {
                  act.mutate({ ids: selectedIds(), action: a });
                  setSelected(new Set<number>());
                }}
              >
                {a === "pause" ? "Pause" : a === "resume" ? "Resume" : "Cancel"} selected
              </button>
            )}
          </For>
        </div>
        <h2 class="visually-hidden">Queue</h2>
        <p class="muted">
          {queue().length} in the queue. Drag a row by its handle, or focus the handle and press Arrow Up or
          Arrow Down, to change the order.
        </p>
        <div class="table-scroll">
          <table class="dense queue-table" data-testid="queue">
            <thead>
              <tr>
                <th scope="col">
                  <SelectAllCheckbox
                    label="Select all"
                    rows={ids().length}
                    selected={selectedIds().length}
                    onChange={(all) => setSelected(new Set(all ? ids() : []))}
                  />
                </th>
                <th scope="col">
                  <span class="visually-hidden">Order</span>
                </th>
                <th scope="col">Episode</th>
                <th scope="col">State</th>
                <th scope="col">Progress</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For
                each={ids()}
                fallback={
                  <tr>
                    <td colspan="7" class="muted">
                      Nothing queued. Queue missing episodes from Wanted or a series page.
                    </td>
                  </tr>
                }
              >
                {(id) => (
                  <Show when={byId().get(id)}>
                    {(item) => (
                      <QueueRow
                        item={item()}
                        selected={selected().has(id)}
                        expanded={expanded().has(id)}
                        dragging={dragging() === id}
                        onSelect={(on) => setSelected((s) => toggle(s, id, on))}
                        onToggleDetails={() => setExpanded((s) => toggle(s, id, !s.has(id)))}
                        onAction={(action: RowAction) => act.mutate({ ids: [id], action })}
                        onStep={(by) => step(id, by)}
                        onDragStart={() => setDragging(id)}
                        onDragEnd={() => setDragging(null)}
                        onDrop={() => {
                          const from = dragging();
                          setDragging(null);
                          if (from === null) return;
                          const position = dropTarget(queue(), from, id);
                          if (position !== null) moves.move({ id: from, position });
                        }}
                      />
                    )}
                  </Show>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

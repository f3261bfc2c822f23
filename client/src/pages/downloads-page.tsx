import { useMutation } from "@tanstack/solid-query";
import { createMemo, For, Show } from "solid-js";
import { useApi } from "../lib/api-context.tsx";
import { ACTIVE } from "../lib/downloads-cache.ts";
import { type Download, useDownloads } from "../lib/downloads-queries.ts";
import { errorMessage } from "../lib/error-message.ts";
import { useToasts } from "../lib/toasts.tsx";
import { DownloadRow } from "./downloads/download-row.tsx";

type Action = "pause" | "resume" | "cancel" | "retry" | "up" | "down";

/** The queue (live progress, speed, ETA; pause/resume/cancel/retry/reorder) and the history. */
export function DownloadsPage() {
  const api = useApi();
  const toasts = useToasts();
  const downloads = useDownloads();
  const queue = createMemo(() =>
    (downloads.data ?? []).filter((d) => ACTIVE.has(d.state)).sort((a, b) => a.position - b.position),
  );
  const waiting = createMemo(() => queue().filter((d) => d.state === "queued" || d.state === "paused"));
  const history = createMemo(() =>
    (downloads.data ?? [])
      .filter((d) => !ACTIVE.has(d.state))
      .sort((a, b) => (b.finishedAt ?? b.createdAt) - (a.finishedAt ?? a.createdAt)),
  );

  // Results arrive through the progress subscription; the mutation only reports failures.
  const act = useMutation(() => ({
    mutationFn: async (input: { item?: Download; action: Action | "pauseAll" | "resumeAll" | "clear" }) => {
      const c = api.client.downloads;
      const d = input.item;
      const position = d ? waiting().findIndex((w) => w.id === d.id) : -1;
      switch (input.action) {
        case "pauseAll":
          return c.pause.mutate({});
        case "resumeAll":
          return c.resume.mutate({});
        case "clear":
          return c.removeFinished.mutate();
      }
      if (!d) return;
      switch (input.action) {
        case "pause":
          return c.pause.mutate({ id: d.id });
        case "resume":
          return c.resume.mutate({ id: d.id });
        case "cancel":
          return c.cancel.mutate({ id: d.id });
        case "retry":
          return c.retry.mutate({ id: d.id });
        case "up":
          return c.move.mutate({ id: d.id, position: Math.max(0, position - 1) });
        case "down":
          return c.move.mutate({ id: d.id, position: position + 1 });
      }
    },
    onError: (error) => toasts.push("error", errorMessage(error)),
  }));

  return (
    <section class="page" aria-labelledby="downloads-title">
      <div class="section-head">
        <h1 id="downloads-title">Downloads</h1>
        <div class="form-actions">
          <button type="button" onClick={() => act.mutate({ action: "pauseAll" })}>
            Pause all
          </button>
          <button type="button" onClick={() => act.mutate({ action: "resumeAll" })}>
            Resume all
          </button>
        </div>
      </div>
      <Show
        when={downloads.data}
        fallback={<p>{downloads.isError ? errorMessage(downloads.error) : "Loading…"}</p>}
      >
        <h2>Queue ({queue().length})</h2>
        <ul class="downloads" aria-label="Queue" data-testid="queue">
          <For
            each={queue()}
            fallback={<li class="muted">Nothing queued. Queue missing episodes from a series page.</li>}
          >
            {(d) => {
              const index = () => waiting().findIndex((w) => w.id === d.id);
              return (
                <DownloadRow
                  item={d}
                  canMoveUp={index() > 0}
                  canMoveDown={index() >= 0 && index() < waiting().length - 1}
                  onAction={(action) => act.mutate({ item: d, action })}
                />
              );
            }}
          </For>
        </ul>
        <div class="section-head">
          <h2>History ({history().length})</h2>
          <Show when={history().length > 0}>
            <button type="button" onClick={() => act.mutate({ action: "clear" })}>
              Clear history
            </button>
          </Show>
        </div>
        <ul class="downloads" aria-label="History" data-testid="history">
          <For each={history()} fallback={<li class="muted">No finished downloads yet.</li>}>
            {(d) => (
              <DownloadRow
                item={d}
                canMoveUp={false}
                canMoveDown={false}
                onAction={(action) => act.mutate({ item: d, action })}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

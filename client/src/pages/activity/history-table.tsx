import { createSignal, For, Show } from "solid-js";
import { LANGUAGE_LABELS } from "../../../../shared/languages.ts";
import { episodeCode } from "../../../../shared/naming.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { type HistoryRow, useRemoveHistory } from "../../lib/activity-queries.ts";
import { formatBytes } from "../../lib/format.ts";
import { AttemptList } from "./queue-row.tsx";

const code = (r: HistoryRow) => episodeCode(r.season, r.episode);
const RESULT_TEXT = { completed: "downloaded", failed: "failed", cancelled: "cancelled" } as const;

/**
 * History rows with their result, source, file and tries; remove one, the selected, or all — each asks
 * first. Used on /activity/history and on the series page (`compact` hides the series column).
 */
export function HistoryTable(props: {
  rows: HistoryRow[];
  compact?: boolean;
  /** Narrows the list to one series or one episode (the history page keeps it in the address). */
  onFilter?: (filter: { series: number; episode?: number }) => void;
}) {
  const remove = useRemoveHistory();
  const [selected, setSelected] = createSignal<ReadonlySet<number>>(new Set());
  const [asking, setAsking] = createSignal<number[] | "all" | null>(null);
  const [open, setOpen] = createSignal<number | null>(null);
  const chosen = () => props.rows.filter((r) => selected().has(r.id)).map((r) => r.id);
  const question = () => {
    const a = asking();
    if (a === "all") return "Remove the whole download history?";
    return `Remove ${a?.length ?? 0} history ${a?.length === 1 ? "entry" : "entries"}?`;
  };
  return (
    <div class="history">
      <div class="toolbar bulk-bar" role="toolbar" aria-label="History entries">
        <span aria-live="polite">{chosen().length} selected</span>
        <button type="button" class="danger" disabled={!chosen().length} onClick={() => setAsking(chosen())}>
          Remove selected…
        </button>
        <button type="button" class="danger" disabled={!props.rows.length} onClick={() => setAsking("all")}>
          Clear history…
        </button>
      </div>
      <div class="table-scroll">
        <table class="dense" data-testid="history">
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
              <th scope="col">When</th>
              <Show when={!props.compact}>
                <th scope="col">Series</th>
              </Show>
              <th scope="col">Episode</th>
              <th scope="col">Result</th>
              <th scope="col">Source</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span class="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For
              each={props.rows}
              fallback={
                <tr>
                  <td colspan="8" class="muted">
                    No history matches.
                  </td>
                </tr>
              }
            >
              {(r) => (
                <>
                  <tr data-testid="history-row" data-result={r.result}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${r.seriesTitle} ${code(r)}`}
                        checked={selected().has(r.id)}
                        onChange={(e) => {
                          const next = new Set(selected());
                          if (e.currentTarget.checked) next.add(r.id);
                          else next.delete(r.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                    <td>{r.finishedAt ? new Date(r.finishedAt).toLocaleString() : "–"}</td>
                    <Show when={!props.compact}>
                      <td class="cell-name">
                        <a href={`/series/${r.seriesId}`}>{r.seriesTitle}</a>
                        <Show when={props.onFilter}>
                          {" "}
                          <button
                            type="button"
                            class="link-button"
                            aria-label={`Only ${r.seriesTitle}`}
                            onClick={() => props.onFilter?.({ series: r.seriesId })}
                          >
                            only
                          </button>
                        </Show>
                      </td>
                    </Show>
                    <td>
                      {code(r)}
                      <Show when={r.episodeTitle}>
                        <span class="muted"> {r.episodeTitle}</span>
                      </Show>
                      <Show when={props.onFilter}>
                        {" "}
                        <button
                          type="button"
                          class="link-button"
                          aria-label={`Only ${r.seriesTitle} ${code(r)}`}
                          onClick={() => props.onFilter?.({ series: r.seriesId, episode: r.episodeId })}
                        >
                          only
                        </button>
                      </Show>
                    </td>
                    <td>
                      <span class={`badge state-${r.result}`}>{RESULT_TEXT[r.result]}</span>
                    </td>
                    <td>
                      {[r.language ? LANGUAGE_LABELS[r.language] : null, r.hoster]
                        .filter(Boolean)
                        .join(" · ") || "–"}
                    </td>
                    <td>{r.bytes ? formatBytes(r.bytes) : "–"}</td>
                    <td>
                      <button
                        type="button"
                        aria-expanded={open() === r.id}
                        aria-label={`Details of ${r.seriesTitle} ${code(r)}`}
                        onClick={() => setOpen(open() === r.id ? null : r.id)}
                      >
                        Details
                      </button>
                    </td>
                  </tr>
                  <Show when={open() === r.id}>
                    <tr class="details-row">
                      <td colspan="8">
                        <Show when={r.targetPath}>
                          <p>
                            File: <code>{r.targetPath}</code>
                          </p>
                        </Show>
                        <AttemptList item={{ attemptLog: r.attempts, error: r.error, state: r.result }} />
                      </td>
                    </tr>
                  </Show>
                </>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={asking() !== null}
        title={question()}
        message="History entries are removed for good; files on disk stay."
        confirmLabel="Remove"
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const what = asking();
          setAsking(null);
          if (what !== null) remove.mutate(what, { onSuccess: () => setSelected(new Set<number>()) });
        }}
      />
    </div>
  );
}

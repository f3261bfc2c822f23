import { For, Show } from "solid-js";
import { failedAttempts } from "../../../../shared/downloads.ts";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { episodeName, sourceLine } from "../../lib/download-text.ts";
import type { Download } from "../../lib/downloads-queries.ts";
import { formatBytes, formatDuration, formatSpeed, fraction } from "../../lib/format.ts";
import { isWaiting } from "../../lib/queue-order.ts";

export type RowAction = "pause" | "resume" | "cancel";

/**
 * One queue item as a dense table row: selection, a reorder handle (drag it, or focus it and press
 * Arrow Up / Arrow Down), the episode, its state and progress, its source, and its actions. The details
 * row below lists every failed try.
 */
export function QueueRow(props: {
  item: Download;
  selected: boolean;
  expanded: boolean;
  dragging: boolean;
  onSelect: (on: boolean) => void;
  onToggleDetails: () => void;
  onAction: (action: RowAction) => void;
  onStep: (by: number) => void;
  onDragStart: () => void;
  onDrop: () => void;
  onDragEnd: () => void;
}) {
  const d = () => props.item;
  const running = () => d().state === "downloading" || d().state === "resolving";
  const name = () => episodeName(d());
  return (
    <>
      <tr
        data-testid="queue-row"
        data-id={d().id}
        data-state={d().state}
        classList={{ selected: props.selected, dragging: props.dragging }}
        draggable={isWaiting(d().state)}
        onDragStart={(e) => {
          e.dataTransfer?.setData("text/plain", String(d().id));
          props.onDragStart();
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          props.onDrop();
        }}
        onDragEnd={() => props.onDragEnd()}
      >
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${name()}`}
            checked={props.selected}
            onChange={(e) => props.onSelect(e.currentTarget.checked)}
          />
        </td>
        <td>
          <Show
            when={isWaiting(d().state)}
            fallback={
              <span class="muted" aria-hidden="true">
                ·
              </span>
            }
          >
            <button
              type="button"
              class="handle"
              data-handle={d().id}
              aria-label={`Reorder ${name()} (Arrow Up or Down)`}
              onKeyDown={(e) => {
                if (e.key === "ArrowUp" || e.key === "ArrowDown") {
                  e.preventDefault();
                  props.onStep(e.key === "ArrowUp" ? -1 : 1);
                }
              }}
            >
              ⠿
            </button>
          </Show>
        </td>
        <td class="cell-name">
          <a href={`/series/${d().seriesId}`}>{name()}</a>
          <Show when={d().episodeTitle}>
            <span class="muted"> {d().episodeTitle}</span>
          </Show>
        </td>
        <td>
          <span class={`badge state-${d().state}`} data-testid="download-state">
            {d().state}
          </span>
        </td>
        <td class="cell-progress">
          <Show when={running() || d().bytesDone > 0} fallback={<span class="muted">–</span>}>
            <ProgressBar
              value={d().state === "resolving" ? null : fraction(d().bytesDone, d().bytesTotal)}
              label={`Download of ${name()}`}
              text={
                running()
                  ? `${formatBytes(d().bytesDone)} / ${formatBytes(d().bytesTotal)} · ${formatSpeed(d().speed)} · ${formatDuration(d().etaSeconds)}`
                  : `${formatBytes(d().bytesDone)} / ${formatBytes(d().bytesTotal)}`
              }
            />
          </Show>
        </td>
        <td>{sourceLine(d()) || <span class="muted">–</span>}</td>
        <td class="cell-actions">
          <Show
            when={d().state === "paused"}
            fallback={
              <button type="button" onClick={() => props.onAction("pause")} aria-label={`Pause ${name()}`}>
                Pause
              </button>
            }
          >
            <button type="button" onClick={() => props.onAction("resume")} aria-label={`Resume ${name()}`}>
              Resume
            </button>
          </Show>
          <button
            type="button"
            class="danger"
            onClick={() => props.onAction("cancel")}
            aria-label={`Cancel ${name()}`}
          >
            Cancel
          </button>
          <button
            type="button"
            aria-expanded={props.expanded}
            aria-label={`Details of ${name()}`}
            onClick={() => props.onToggleDetails()}
          >
            Details
          </button>
        </td>
      </tr>
      <Show when={props.expanded}>
        <tr class="details-row">
          <td colspan="7">
            <AttemptList item={d()} />
          </td>
        </tr>
      </Show>
    </>
  );
}

/** Every try that failed, with hoster, language and reason; the current error last. */
export function AttemptList(props: {
  item: {
    attemptLog: { hoster: string; language: string; error: string; at: number; ok?: boolean }[];
    error: string | null;
    state: string;
  };
}) {
  const failed = () => failedAttempts(props.item.attemptLog);
  return (
    <div class="attempts" data-testid="attempts">
      <Show when={failed().length > 0} fallback={<p class="muted">No failed tries.</p>}>
        <p>
          {failed().length} failed {failed().length === 1 ? "try" : "tries"}; hosters tried:{" "}
          {[...new Set(props.item.attemptLog.map((a) => a.hoster))].join(", ")}
        </p>
        <ol>
          <For each={failed()}>
            {(a) => (
              <li>
                <time datetime={new Date(a.at).toISOString()}>{new Date(a.at).toLocaleTimeString()}</time>{" "}
                {a.hoster} ({a.language}): {a.error}
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={props.item.error && props.item.state !== "completed"}>
        <p class="series-failed">{props.item.error}</p>
      </Show>
    </div>
  );
}

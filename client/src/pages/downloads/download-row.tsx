import { Show } from "solid-js";
import { LANGUAGE_LABELS } from "../../../../shared/languages.ts";
import { ProgressBar } from "../../components/progress-bar.tsx";
import type { Download } from "../../lib/downloads-queries.ts";
import { formatBytes, formatDuration, formatSpeed, fraction } from "../../lib/format.ts";

export function episodeName(d: Download): string {
  return `${d.seriesTitle} · S${String(d.season).padStart(2, "0")}E${String(d.episode).padStart(2, "0")}`;
}

/** "German Sub · VOE · 2 failed tries": only the parts that are known, so no separator dangles. */
export function sourceLine(d: Download): string {
  const failed = d.attemptLog.length;
  return [
    d.language ? LANGUAGE_LABELS[d.language] : null,
    d.hoster,
    failed ? `${failed} failed ${failed === 1 ? "try" : "tries"}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** One queue entry: names, state, progress with speed and ETA, and the actions its state allows. */
export function DownloadRow(props: {
  item: Download;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onAction: (action: "pause" | "resume" | "cancel" | "retry" | "up" | "down") => void;
}) {
  const d = () => props.item;
  const running = () => d().state === "downloading" || d().state === "resolving";
  return (
    <li class="download card" data-testid="download" data-state={d().state}>
      <div class="download-head">
        <a href={`/series/${d().seriesId}`} class="download-name">
          {episodeName(d())}
        </a>
        <span class={`badge state-${d().state}`} data-testid="download-state">
          {d().state}
        </span>
      </div>
      <Show when={d().episodeTitle}>
        <p class="muted download-title">{d().episodeTitle}</p>
      </Show>
      <Show when={running() || d().bytesDone > 0}>
        <ProgressBar
          value={d().state === "resolving" ? null : fraction(d().bytesDone, d().bytesTotal)}
          label={`Download of ${episodeName(d())}`}
          text={
            running()
              ? `${formatBytes(d().bytesDone)} of ${formatBytes(d().bytesTotal)} · ${formatSpeed(d().speed)} · ETA ${formatDuration(d().etaSeconds)}`
              : `${formatBytes(d().bytesDone)} of ${formatBytes(d().bytesTotal)}`
          }
        />
      </Show>
      <Show when={sourceLine(d())}>
        <p class="muted">{sourceLine(d())}</p>
      </Show>
      <Show when={d().error}>
        <p class="series-failed">{d().error}</p>
      </Show>
      <Show when={d().note}>
        <p class="muted">{d().note}</p>
      </Show>
      <div class="form-actions">
        <Show when={d().state === "queued" || running()}>
          <button type="button" onClick={() => props.onAction("pause")}>
            Pause
          </button>
        </Show>
        <Show when={d().state === "paused"}>
          <button type="button" onClick={() => props.onAction("resume")}>
            Resume
          </button>
        </Show>
        <Show when={d().state === "failed" || d().state === "cancelled"}>
          <button type="button" onClick={() => props.onAction("retry")}>
            Retry
          </button>
        </Show>
        <Show when={props.canMoveUp || props.canMoveDown}>
          <button
            type="button"
            aria-label={`Move ${episodeName(d())} up`}
            disabled={!props.canMoveUp}
            onClick={() => props.onAction("up")}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move ${episodeName(d())} down`}
            disabled={!props.canMoveDown}
            onClick={() => props.onAction("down")}
          >
            ↓
          </button>
        </Show>
        <Show when={d().state !== "completed" && d().state !== "cancelled" && d().state !== "failed"}>
          <button type="button" class="danger" onClick={() => props.onAction("cancel")}>
            Cancel
          </button>
        </Show>
      </div>
    </li>
  );
}

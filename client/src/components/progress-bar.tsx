import { Show } from "solid-js";

/**
 * A labelled progress bar. `value` is 0..1, or null for "in progress, amount unknown" (indeterminate).
 */
export function ProgressBar(props: { value: number | null; label: string; text?: string }) {
  const percent = () =>
    props.value === null ? null : Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent() ?? undefined}
        aria-valuetext={props.text ?? (percent() === null ? "in progress" : `${percent()}%`)}
        classList={{ indeterminate: percent() === null }}
      >
        <div class="progress-fill" style={{ width: `${percent() ?? 100}%` }} />
      </div>
      <Show when={props.text}>
        <span class="progress-text">{props.text}</span>
      </Show>
    </div>
  );
}

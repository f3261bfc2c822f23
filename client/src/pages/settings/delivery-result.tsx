import { Show } from "solid-js";
import type { DeliveryResult } from "../../../../shared/connections.ts";

/** The outcome of a connection's last delivery or test, in words (catalogue text rendered as text). */
export function DeliveryResultLine(props: { result: DeliveryResult | null; testId?: string }) {
  return (
    <p
      class={props.result ? (props.result.ok ? "delivery ok" : "delivery failed") : "delivery muted"}
      data-testid={props.testId}
      role="status"
    >
      <Show when={props.result} fallback="Nothing delivered yet.">
        {(r) => (
          <>
            <strong>{r().ok ? "OK" : "Failed"}</strong> · {r().what} · {new Date(r().at).toLocaleString()}
            {r().attempts > 1 ? ` · ${r().attempts} attempts` : ""} — {r().message}
          </>
        )}
      </Show>
    </p>
  );
}

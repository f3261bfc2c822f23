import { For } from "solid-js";
import { useToasts } from "../lib/toasts.tsx";

/** The visible toasts. Polite live region for news; errors are alerts so screen readers interrupt. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <div class="toasts" aria-live="polite" aria-relevant="additions">
      <For each={toasts.toasts}>
        {(toast) => (
          <div
            class={`toast toast-${toast.kind}`}
            role={toast.kind === "error" ? "alert" : "status"}
            data-testid="toast"
          >
            <span class="toast-text">{toast.text}</span>
            <button
              type="button"
              class="icon-button"
              aria-label="Dismiss notification"
              onClick={() => toasts.dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}

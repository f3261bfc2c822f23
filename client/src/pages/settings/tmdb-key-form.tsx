import { createSignal, Show } from "solid-js";
import type { TmdbKeyCheck } from "../../../../shared/settings.ts";
import { errorMessage } from "../../lib/error-message.ts";

/**
 * The TMDB key is write-only: the page only knows whether one is set, and can replace or clear it. A new key
 * is checked with TMDB on save; the result (or the refusal) is shown under the field.
 */
export function TmdbKeyForm(props: {
  isSet: boolean;
  saving: boolean;
  check: TmdbKeyCheck | null;
  onSave: (key: string) => Promise<void>;
}) {
  const [key, setKey] = createSignal("");
  const [failure, setFailure] = createSignal<string | null>(null);
  let input: HTMLInputElement | undefined;
  const submit = async (value: string) => {
    setFailure(null);
    try {
      await props.onSave(value);
      setKey("");
    } catch (error) {
      setFailure(errorMessage(error));
      input?.focus();
    }
  };
  return (
    <form
      class="card"
      aria-labelledby="tmdb-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(key().trim());
      }}
    >
      <h2 id="tmdb-title">TMDB</h2>
      <p data-testid="tmdb-state">
        {props.isSet ? "A TMDB API key is set." : "No TMDB key: metadata comes from the catalogue only."}
      </p>
      <label class="field">
        <span>{props.isSet ? "Replace the API key" : "API key (v3 key or v4 read token)"}</span>
        <input
          ref={input}
          type="password"
          autocomplete="off"
          value={key()}
          aria-invalid={failure() ? "true" : undefined}
          aria-describedby="tmdb-check"
          onInput={(e) => setKey(e.currentTarget.value)}
          maxLength={512}
        />
      </label>
      <p id="tmdb-check" role="status" data-testid="tmdb-check" classList={{ "series-failed": !!failure() }}>
        {failure() ?? props.check?.message ?? ""}
      </p>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.saving || key().trim() === ""}>
          {props.saving ? "Checking…" : "Save key"}
        </button>
        <Show when={props.isSet}>
          <button type="button" disabled={props.saving} onClick={() => void submit("")}>
            Remove key
          </button>
        </Show>
      </div>
    </form>
  );
}

import { createSignal, Show } from "solid-js";

/** The TMDB key is write-only: the page only knows whether one is set, and can replace or clear it. */
export function TmdbKeyForm(props: {
  isSet: boolean;
  saving: boolean;
  onSave: (key: string) => Promise<unknown>;
}) {
  const [key, setKey] = createSignal("");
  return (
    <form
      class="card"
      aria-labelledby="tmdb-title"
      onSubmit={async (e) => {
        e.preventDefault();
        await props.onSave(key().trim());
        setKey("");
      }}
    >
      <h2 id="tmdb-title">TMDB</h2>
      <p data-testid="tmdb-state">
        {props.isSet ? "A TMDB API key is set." : "No TMDB key: metadata comes from the catalogue only."}
      </p>
      <label class="field">
        <span>{props.isSet ? "Replace the API key" : "API key (v3 key or v4 read token)"}</span>
        <input
          type="password"
          autocomplete="off"
          value={key()}
          onInput={(e) => setKey(e.currentTarget.value)}
          maxLength={512}
        />
      </label>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.saving || key().trim() === ""}>
          Save key
        </button>
        <Show when={props.isSet}>
          <button type="button" disabled={props.saving} onClick={() => props.onSave("")}>
            Remove key
          </button>
        </Show>
      </div>
    </form>
  );
}

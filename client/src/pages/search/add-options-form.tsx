import { Show } from "solid-js";
import {
  DEFAULT_LANGUAGE_ORDER,
  LANGUAGE_LABELS,
  LANGUAGES,
  type Language,
} from "../../../../shared/languages.ts";
import type { AddSeriesOptions } from "../../../../shared/series-loading.ts";
import { OrderedListEditor } from "../../components/ordered-list-editor.tsx";

/** How new series are added: monitored, their own languages, download missing at once (remembered). */
export function AddOptionsForm(props: {
  value: AddSeriesOptions;
  onChange: (next: AddSeriesOptions) => void;
}) {
  const set = (patch: Partial<AddSeriesOptions>) => props.onChange({ ...props.value, ...patch });
  return (
    <details class="card add-options" data-testid="add-options">
      <summary>
        Options for added series:{" "}
        <span class="muted">
          {[
            props.value.monitored ? "monitored" : "not monitored",
            props.value.languages ? "own languages" : "global languages",
            props.value.downloadMissing ? "download missing at once" : null,
          ]
            .filter(Boolean)
            .join(", ")}
        </span>
      </summary>
      <label class="check">
        <input
          type="checkbox"
          checked={props.value.monitored === true}
          onChange={(e) => set({ monitored: e.currentTarget.checked })}
        />
        Monitored (fetch new episodes on schedule)
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={props.value.downloadMissing === true}
          onChange={(e) => set({ downloadMissing: e.currentTarget.checked })}
        />
        Download missing episodes as soon as the episode list has loaded
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={!!props.value.languages}
          onChange={(e) => set({ languages: e.currentTarget.checked ? [...DEFAULT_LANGUAGE_ORDER] : null })}
        />
        Own language order instead of the global one
      </label>
      <Show when={props.value.languages}>
        {(languages) => (
          <OrderedListEditor
            label="Languages for added series, best first"
            options={LANGUAGES}
            value={languages()}
            labelOf={(l) => LANGUAGE_LABELS[l as Language]}
            minEnabled={1}
            onChange={(next) => set({ languages: next as Language[] })}
          />
        )}
      </Show>
    </details>
  );
}

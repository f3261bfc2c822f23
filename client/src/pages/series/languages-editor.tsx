import { createEffect, createMemo, createSignal, createUniqueId, on, Show } from "solid-js";
import { LANGUAGE_LABELS, LANGUAGES, type Language } from "../../../../shared/languages.ts";
import { OrderedListEditor } from "../../components/ordered-list-editor.tsx";

const labelOf = (l: string) => LANGUAGE_LABELS[l as Language] ?? l;

/**
 * A series' language order: "use the global default" or an own order (best first, at least one) edited
 * with the same ordered-list editor as the settings page. Changes are a draft until saved.
 */
export function LanguagesEditor(props: {
  /** The series' own order; null = it follows the global default. */
  value: readonly string[] | null;
  /** The global default (settings), shown beside the first option; undefined while it loads. */
  globalDefault: readonly string[] | undefined;
  saving?: boolean;
  onSave: (next: Language[] | null) => void;
}) {
  const id = createUniqueId();
  const [own, setOwn] = createSignal(false);
  const [order, setOrder] = createSignal<string[]>([]);
  // The draft starts from the saved value, and again when the saved value (or the default) really changes:
  // compared as text, so a refetched or live-updated series object with the same list keeps the draft.
  const savedKey = createMemo(() => JSON.stringify(props.value));
  const defaultKey = createMemo(() => JSON.stringify(props.globalDefault ?? null));
  createEffect(
    on([savedKey, defaultKey], () => {
      setOwn(props.value !== null);
      setOrder([...(props.value ?? props.globalDefault ?? LANGUAGES)]);
    }),
  );
  const globalText = () =>
    props.globalDefault ? props.globalDefault.map(labelOf).join(", ") : "the order set in Settings";
  const draft = (): Language[] | null => (own() ? (order() as Language[]) : null);
  const changed = () => JSON.stringify(draft()) !== savedKey();
  return (
    <form
      class="languages-editor"
      aria-label="Language preference"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed()) props.onSave(draft());
      }}
    >
      <fieldset>
        <legend>Languages for downloads and “missing”</legend>
        <label class="check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={!own()}
            onChange={(e) => e.currentTarget.checked && setOwn(false)}
          />
          Use the global default ({globalText()})
        </label>
        <label class="check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={own()}
            onChange={(e) => {
              if (!e.currentTarget.checked) return;
              if (!order().length) setOrder([...(props.globalDefault ?? LANGUAGES)]);
              setOwn(true);
            }}
          />
          An own order for this series
        </label>
      </fieldset>
      <Show when={own()}>
        <OrderedListEditor
          label="Languages of this series, best first"
          options={LANGUAGES}
          value={order()}
          labelOf={labelOf}
          minEnabled={1}
          onChange={setOrder}
        />
      </Show>
      <div class="form-actions">
        <button type="submit" disabled={!changed() || props.saving === true}>
          {props.saving ? "Saving…" : "Save languages"}
        </button>
      </div>
    </form>
  );
}

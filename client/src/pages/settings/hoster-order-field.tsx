import { createMemo, createSignal } from "solid-js";
import { OrderedListEditor } from "../../components/ordered-list-editor.tsx";
import { hosterOptions, uniqueHosters } from "./settings-validation.ts";

/**
 * The hoster preference: switch hosters on and order them in the list, or type the order. Switching one
 * off keeps it in the list (to switch back on); typed names are de-duplicated, and typing never drops a
 * hoster from the list.
 */
export function HosterOrderField(props: {
  value: readonly string[];
  saved: readonly string[];
  onChange: (next: string[]) => void;
}) {
  // Hosters seen while the page is open stay offered even after they are switched off.
  const [typed, setTyped] = createSignal<string[]>([]);
  const options = createMemo(() => hosterOptions(props.value, props.saved, typed()));
  return (
    <>
      <OrderedListEditor
        label="Hosters, best first"
        options={options()}
        value={props.value}
        onChange={props.onChange}
      />
      <label class="field">
        <span>Hoster order (comma separated; unknown hosters come last)</span>
        <input
          value={props.value.join(", ")}
          onChange={(e) => {
            const next = uniqueHosters(e.currentTarget.value.split(","));
            setTyped((old) => uniqueHosters([...old, ...next]));
            props.onChange(next);
            // The text may have held duplicates: show the list as it was taken.
            e.currentTarget.value = next.join(", ");
          }}
        />
      </label>
    </>
  );
}

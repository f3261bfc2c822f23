import { For, Show } from "solid-js";

/**
 * An ordered choice list: each option can be switched on and moved up or down with buttons (keyboard
 * friendly, no drag and drop needed). `value` is the enabled options in order.
 */
export function OrderedListEditor(props: {
  label: string;
  options: readonly string[];
  value: readonly string[];
  labelOf?: (option: string) => string;
  onChange: (next: string[]) => void;
  minEnabled?: number;
}) {
  const ordered = () => [...props.value, ...props.options.filter((o) => !props.value.includes(o))];
  const name = (o: string) => props.labelOf?.(o) ?? o;
  const move = (option: string, by: -1 | 1) => {
    const list = [...props.value];
    const i = list.indexOf(option);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j] as string, list[i] as string];
    props.onChange(list);
  };
  const toggle = (box: HTMLInputElement, option: string) => {
    if (box.checked) props.onChange([...props.value, option]);
    else if (props.value.length > (props.minEnabled ?? 0))
      props.onChange(props.value.filter((o) => o !== option));
    // A refused change leaves `value` as it was, so nothing re-renders the box: put it back by hand.
    else box.checked = true;
  };
  return (
    <fieldset class="ordered-list">
      <legend>{props.label}</legend>
      <ol>
        <For each={ordered()}>
          {(option) => {
            const position = () => props.value.indexOf(option);
            return (
              <li classList={{ disabled: position() < 0 }}>
                <label>
                  <input
                    type="checkbox"
                    checked={position() >= 0}
                    onChange={(e) => toggle(e.currentTarget, option)}
                  />
                  <Show when={position() >= 0}>
                    <span class="order-number">{position() + 1}.</span>
                  </Show>
                  {name(option)}
                </label>
                <span class="order-buttons">
                  <button
                    type="button"
                    aria-label={`Move ${name(option)} up`}
                    disabled={position() <= 0}
                    onClick={() => move(option, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${name(option)} down`}
                    disabled={position() < 0 || position() >= props.value.length - 1}
                    onClick={() => move(option, 1)}
                  >
                    ↓
                  </button>
                </span>
              </li>
            );
          }}
        </For>
      </ol>
    </fieldset>
  );
}

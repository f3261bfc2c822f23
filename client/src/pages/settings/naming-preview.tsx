import { createMemo, For, Show } from "solid-js";
import { NAMING_PLACEHOLDERS, previewName } from "../../../../shared/naming.ts";

/** Live preview of the naming template, rendered with the same pure function the downloader uses. */
export function NamingPreview(props: { template: string }) {
  const preview = createMemo(() => previewName(props.template));
  const path = () => {
    const p = preview();
    return p.ok ? p.path : null;
  };
  const errors = () => {
    const p = preview();
    return p.ok ? [] : p.errors;
  };
  return (
    <div class="naming-preview" id="naming-preview" aria-live="polite">
      <Show
        when={path()}
        fallback={
          <ul class="series-failed" data-testid="naming-errors">
            <For each={errors()}>{(e) => <li>{e}</li>}</For>
          </ul>
        }
      >
        {(p) => (
          <p>
            Preview: <code data-testid="naming-preview">{p()}</code>
          </p>
        )}
      </Show>
      <p class="muted">Placeholders: {NAMING_PLACEHOLDERS.map((n) => `{${n}}`).join(" ")}</p>
    </div>
  );
}

import { For, Show } from "solid-js";
import type { Editable } from "./general-settings-form.tsx";
import { NamingPreview } from "./naming-preview.tsx";
import type { FieldErrors } from "./settings-validation.ts";

/** A field's problems under it, tied to the input by `id` (aria-describedby). */
export function FieldProblems(props: { id: string; messages: string[] | undefined }) {
  return (
    <ul class="field-problems series-failed" id={props.id}>
      <For each={props.messages ?? []}>{(m) => <li>{m}</li>}</For>
    </ul>
  );
}

/** The series folder template and the episode file template, with a live preview of both. */
export function NamingFields(props: {
  draft: Editable;
  errors: FieldErrors;
  set: (key: "namingTemplate" | "folderTemplate", value: string) => void;
}) {
  return (
    <section class="card">
      <h2>File names</h2>
      <label class="field">
        <span>Series folder template</span>
        <input
          value={props.draft.folderTemplate}
          spellcheck={false}
          aria-invalid={props.errors.folderTemplate ? "true" : undefined}
          aria-describedby="folderTemplate-errors naming-preview"
          onInput={(e) => props.set("folderTemplate", e.currentTarget.value)}
        />
      </label>
      <FieldProblems id="folderTemplate-errors" messages={props.errors.folderTemplate} />
      <label class="field">
        <span>Episode file name template</span>
        <input
          value={props.draft.namingTemplate}
          spellcheck={false}
          aria-invalid={props.errors.namingTemplate ? "true" : undefined}
          aria-describedby="namingTemplate-errors naming-preview"
          onInput={(e) => props.set("namingTemplate", e.currentTarget.value)}
        />
      </label>
      <FieldProblems id="namingTemplate-errors" messages={props.errors.namingTemplate} />
      <Show when={!props.errors.namingTemplate && !props.errors.folderTemplate}>
        <NamingPreview template={props.draft.namingTemplate} folderTemplate={props.draft.folderTemplate} />
      </Show>
    </section>
  );
}

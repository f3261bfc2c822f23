import { useBeforeLeave } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import { LANGUAGE_LABELS, LANGUAGES, type Language } from "../../../../shared/languages.ts";
import type { SettingsPatch } from "../../../../shared/settings.ts";
import { OrderedListEditor } from "../../components/ordered-list-editor.tsx";
import { errorMessage, inputIssues } from "../../lib/error-message.ts";
import type { SettingsView } from "../../lib/settings-queries.ts";
import { ConnectionFields } from "./connection-fields.tsx";
import { HosterOrderField } from "./hoster-order-field.tsx";
import { FieldProblems, NamingFields } from "./naming-fields.tsx";
import { checkPatch, describeErrors, type FieldErrors, groupIssues } from "./settings-validation.ts";
import { WorkFields } from "./work-fields.tsx";

export type Editable = Omit<SettingsView, "tmdbApiKeySet">;
export const LEAVE_QUESTION = "Leave the settings? Your unsaved changes will be lost.";

/** The changed keys only, so a save never overwrites what another tab changed meanwhile. */
export function diffSettings(before: Editable, after: Editable): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Editable)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as SettingsPatch;
}

function editable(view: SettingsView): Editable {
  const { tmdbApiKeySet: _ignored, ...rest } = structuredClone(unwrap(view));
  return rest;
}

/**
 * Every plain setting in one form; "Save" sends what changed. Checked while typing with the schema the
 * server uses (Save stays off while anything is wrong); changes saved elsewhere flow in live for every
 * field not being edited here; leaving with unsaved changes asks first.
 */
export function GeneralSettingsForm(props: {
  current: SettingsView;
  saving: boolean;
  onSave: (patch: SettingsPatch) => Promise<void>;
}) {
  const [saved, setSaved] = createStore<Editable>(editable(props.current));
  const [draft, setDraft] = createStore<Editable>(editable(props.current));
  const [serverErrors, setServerErrors] = createSignal<FieldErrors>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const patch = createMemo(() => diffSettings(saved, draft));
  const dirty = () => Object.keys(patch()).length > 0;
  const errors = createMemo<FieldErrors>(() => ({ ...checkPatch(patch()), ...serverErrors() }));
  const invalid = () => Object.keys(errors()).length > 0;
  let form: HTMLFormElement | undefined;

  // Another tab (or client) saved: take its values for every field this form has not changed.
  createEffect(
    on(
      () => props.current,
      (current) => {
        const next = editable(current);
        const local = patch();
        for (const key of Object.keys(next) as (keyof Editable)[])
          if (!(key in local)) setDraft(key, reconcile(structuredClone(next[key])) as never);
        setSaved(reconcile(next));
      },
      { defer: true },
    ),
  );
  // Any edit clears what the server said about the previous attempt.
  createEffect(on(patch, () => setServerErrors({}), { defer: true }));

  useBeforeLeave((e) => {
    if (dirty() && !e.defaultPrevented && !window.confirm(LEAVE_QUESTION)) e.preventDefault();
  });
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (!dirty()) return;
    e.preventDefault();
    e.returnValue = "";
  };
  window.addEventListener("beforeunload", beforeUnload);
  onCleanup(() => window.removeEventListener("beforeunload", beforeUnload));

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (invalid() || !dirty()) return;
    setFailure(null);
    const sent = structuredClone(unwrap(draft));
    try {
      await props.onSave(patch());
      setSaved(reconcile(sent));
    } catch (error) {
      setServerErrors(groupIssues(inputIssues(error)));
      setFailure(`Not saved: ${errorMessage(error)}`);
      // Focus goes where the problem is: the first flagged field, else the message.
      queueMicrotask(() => {
        const target =
          form?.querySelector<HTMLElement>("[aria-invalid='true']") ?? form?.querySelector(".form-error");
        target?.focus();
      });
    }
  };

  return (
    <form ref={form} class="settings-form" onSubmit={save} aria-label="Settings" novalidate>
      <section class="card">
        <h2>Languages</h2>
        <OrderedListEditor
          label="Preferred languages, best first"
          options={LANGUAGES}
          value={draft.languages}
          labelOf={(l) => LANGUAGE_LABELS[l as Language]}
          minEnabled={1}
          onChange={(next) => setDraft("languages", next as Language[])}
        />
        <label class="field">
          <span>An episode is missing when…</span>
          <select
            value={draft.missingMode}
            onChange={(e) =>
              setDraft("missingMode", e.currentTarget.value === "preferred" ? "preferred" : "any")
            }
          >
            <option value="any">it is not on disk (any language)</option>
            <option value="preferred">it is not on disk and exists in a preferred language</option>
          </select>
        </label>
        <label class="field">
          <span>Metadata language (TMDB, like de-DE)</span>
          <input
            value={draft.metadataLanguage}
            aria-invalid={errors().metadataLanguage ? "true" : undefined}
            aria-describedby="metadataLanguage-errors"
            onInput={(e) => setDraft("metadataLanguage", e.currentTarget.value)}
          />
        </label>
        <FieldProblems id="metadataLanguage-errors" messages={errors().metadataLanguage} />
      </section>

      <section class="card">
        <h2>Hosters</h2>
        <HosterOrderField
          value={draft.hosterOrder}
          saved={saved.hosterOrder}
          onChange={(next) => setDraft("hosterOrder", next)}
        />
        <FieldProblems id="hosterOrder-errors" messages={errors().hosterOrder} />
      </section>

      <WorkFields draft={draft} errors={errors()} set={(key, value) => setDraft(key, value as never)} />
      <NamingFields draft={draft} errors={errors()} set={(key, value) => setDraft(key, value)} />
      <ConnectionFields draft={draft} errors={errors()} set={(key, value) => setDraft(key, value)} />

      <div class="form-actions sticky-actions">
        <button type="submit" class="primary" disabled={!dirty() || props.saving || invalid()}>
          {props.saving ? "Saving…" : "Save settings"}
        </button>
        <Show when={dirty()}>
          <span class="muted">Unsaved changes</span>
        </Show>
      </div>
      <Show when={invalid()}>
        <ul class="series-failed" data-testid="settings-errors">
          <For each={describeErrors(errors())}>{(line) => <li>{line}</li>}</For>
        </ul>
      </Show>
      <p class="form-error" role="alert" tabindex="-1" data-testid="settings-failure">
        {failure() ?? ""}
      </p>
    </form>
  );
}

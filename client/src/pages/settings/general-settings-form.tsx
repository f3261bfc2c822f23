import { createMemo, For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import * as v from "valibot";
import { LANGUAGE_LABELS, LANGUAGES, type Language } from "../../../../shared/languages.ts";
import { type SettingsPatch, SettingsPatchSchema } from "../../../../shared/settings.ts";
import { FormError } from "../../components/form-field.tsx";
import { OrderedListEditor } from "../../components/ordered-list-editor.tsx";
import type { SettingsView } from "../../lib/settings-queries.ts";
import { NamingPreview } from "./naming-preview.tsx";

type Editable = Omit<SettingsView, "tmdbApiKeySet">;

const NUMBER_FIELDS = [
  { key: "loaderConcurrency", label: "Series loaded at the same time", min: 1, max: 32 },
  { key: "downloadConcurrency", label: "Downloads at the same time", min: 1, max: 8 },
  { key: "catalogRatePerSecond", label: "Catalogue requests per second", min: 0.1, max: 1000 },
  { key: "tmdbRatePerSecond", label: "TMDB requests per second", min: 0.1, max: 1000 },
  { key: "scanIntervalMinutes", label: "Full library scan every … minutes (0 = off)", min: 0, max: 100_000 },
  {
    key: "monitorIntervalMinutes",
    label: "Check monitored series every … minutes (0 = off)",
    min: 0,
    max: 100_000,
  },
] as const;

/** The changed keys only, so a save never overwrites what another tab changed meanwhile. */
export function diffSettings(before: Editable, after: Editable): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Editable)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as SettingsPatch;
}

/** Every plain setting in one form; "Save" sends what changed. */
export function GeneralSettingsForm(props: {
  initial: SettingsView;
  saving: boolean;
  onSave: (patch: SettingsPatch) => Promise<unknown>;
}) {
  const { tmdbApiKeySet: _ignored, ...start } = structuredClone(unwrap(props.initial));
  const [saved, setSaved] = createStore<Editable>(structuredClone(start));
  const [draft, setDraft] = createStore<Editable>(start);
  const patch = createMemo(() => diffSettings(saved, draft));
  const dirty = () => Object.keys(patch()).length > 0;
  // The server's own schema checks the changes before they are sent, so the form cannot drift from it.
  const problem = createMemo(() => {
    const result = v.safeParse(SettingsPatchSchema, patch());
    if (result.success) return null;
    return result.issues
      .map((i) => `${i.path?.map((p) => String(p.key)).join(".") ?? "settings"}: ${i.message}`)
      .join("; ");
  });
  const hosterText = () => draft.hosterOrder.join(", ");

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const p = patch();
    if (problem()) return;
    await props.onSave(p);
    setSaved(structuredClone(unwrap(draft)));
  };

  return (
    <form class="settings-form" onSubmit={save} aria-label="Settings">
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
          <span>Metadata language (TMDB)</span>
          <input
            value={draft.metadataLanguage}
            pattern="[a-z]{2}(-[A-Z]{2})?"
            onInput={(e) => setDraft("metadataLanguage", e.currentTarget.value)}
          />
        </label>
      </section>

      <section class="card">
        <h2>Hosters</h2>
        <OrderedListEditor
          label="Hosters, best first"
          options={draft.hosterOrder}
          value={draft.hosterOrder}
          onChange={(next) => setDraft("hosterOrder", next)}
        />
        <label class="field">
          <span>Hoster order (comma separated; unknown hosters come last)</span>
          <input
            value={hosterText()}
            onChange={(e) =>
              setDraft(
                "hosterOrder",
                e.currentTarget.value
                  .split(",")
                  .map((h) => h.trim())
                  .filter(Boolean),
              )
            }
          />
        </label>
      </section>

      <section class="card">
        <h2>Work and schedules</h2>
        <div class="field-grid">
          <For each={NUMBER_FIELDS}>
            {(f) => (
              <label class="field">
                <span>{f.label}</span>
                <input
                  type="number"
                  min={f.min}
                  max={f.max}
                  step={f.min < 1 ? 0.1 : 1}
                  value={draft[f.key]}
                  onInput={(e) => {
                    const n = e.currentTarget.valueAsNumber;
                    if (Number.isFinite(n)) setDraft(f.key, n);
                  }}
                />
              </label>
            )}
          </For>
          <label class="field">
            <span>Bandwidth limit in KiB/s (0 = unlimited)</span>
            <input
              type="number"
              min={0}
              step={1}
              value={Math.round(draft.bandwidthLimit / 1024)}
              onInput={(e) => {
                const n = e.currentTarget.valueAsNumber;
                if (Number.isFinite(n) && n >= 0) setDraft("bandwidthLimit", Math.round(n) * 1024);
              }}
            />
          </label>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.scanOnStart}
            onChange={(e) => setDraft("scanOnStart", e.currentTarget.checked)}
          />
          Scan the library when the server starts
        </label>
      </section>

      <section class="card">
        <h2>File names</h2>
        <label class="field">
          <span>Episode file name template</span>
          <input
            value={draft.namingTemplate}
            spellcheck={false}
            onInput={(e) => setDraft("namingTemplate", e.currentTarget.value)}
            aria-describedby="naming-preview"
          />
        </label>
        <NamingPreview template={draft.namingTemplate} />
      </section>

      <FormError message={problem()} />
      <div class="form-actions sticky-actions">
        <button type="submit" class="primary" disabled={!dirty() || props.saving || problem() !== null}>
          {props.saving ? "Saving…" : "Save settings"}
        </button>
        <Show when={dirty()}>
          <span class="muted">Unsaved changes</span>
        </Show>
      </div>
    </form>
  );
}

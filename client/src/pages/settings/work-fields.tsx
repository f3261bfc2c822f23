import { For } from "solid-js";
import type { Editable } from "./general-settings-form.tsx";
import { FieldProblems } from "./naming-fields.tsx";
import type { FieldErrors } from "./settings-validation.ts";

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
  { key: "backupIntervalHours", label: "Back up the database every … hours (0 = off)", min: 0, max: 8760 },
  { key: "backupKeep", label: "Backups kept", min: 1, max: 1000 },
] as const;

/** Concurrency, request rates, schedules and the bandwidth limit. */
export function WorkFields(props: {
  draft: Editable;
  errors: FieldErrors;
  set: (key: keyof Editable, value: number | boolean) => void;
}) {
  return (
    <section class="card">
      <h2>Work and schedules</h2>
      <div class="field-grid">
        <For each={NUMBER_FIELDS}>
          {(f) => (
            <div>
              <label class="field">
                <span>{f.label}</span>
                <input
                  type="number"
                  min={f.min}
                  max={f.max}
                  step={f.min < 1 ? 0.1 : 1}
                  value={props.draft[f.key]}
                  aria-invalid={props.errors[f.key] ? "true" : undefined}
                  aria-describedby={`${f.key}-errors`}
                  onInput={(e) => {
                    const n = e.currentTarget.valueAsNumber;
                    props.set(f.key, Number.isFinite(n) ? n : Number.NaN);
                  }}
                />
              </label>
              <FieldProblems id={`${f.key}-errors`} messages={props.errors[f.key]} />
            </div>
          )}
        </For>
        <label class="field">
          <span>Bandwidth limit in KiB/s (0 = unlimited)</span>
          <input
            type="number"
            min={0}
            step={1}
            value={Math.round(props.draft.bandwidthLimit / 1024)}
            onInput={(e) => {
              const n = e.currentTarget.valueAsNumber;
              if (Number.isFinite(n) && n >= 0) props.set("bandwidthLimit", Math.round(n) * 1024);
            }}
          />
        </label>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={props.draft.scanOnStart}
          onChange={(e) => props.set("scanOnStart", e.currentTarget.checked)}
        />
        Scan the library when the server starts
      </label>
    </section>
  );
}

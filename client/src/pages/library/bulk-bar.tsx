import { createSignal } from "solid-js";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { useSeriesBulkActions } from "../../lib/series-queries.ts";
import { useSettings } from "../../lib/settings-queries.ts";
import { LanguagesEditor } from "../series/languages-editor.tsx";
import type { Selection } from "./selection.ts";

/** What can be done to the selected series at once; shown while something is selected. */
export function BulkBar(props: { selection: Selection; onSelectLoaded: () => void }) {
  const actions = useSeriesBulkActions(() => props.selection.clear());
  const settings = useSettings();
  const [removing, setRemoving] = createSignal(false);
  const [deleteFiles, setDeleteFiles] = createSignal(false);
  const count = () => props.selection.size();
  const busy = () =>
    actions.monitor.isPending ||
    actions.languages.isPending ||
    actions.remove.isPending ||
    actions.retryLoading.isPending ||
    actions.downloadMissing.isPending;
  return (
    <section class="bulk-bar" aria-label="Selected series" data-testid="bulk-bar">
      <p aria-live="polite">
        <strong>{count()}</strong> selected
      </p>
      <div class="bulk-actions">
        <button type="button" class="secondary" onClick={() => props.onSelectLoaded()}>
          Select all shown
        </button>
        <button type="button" class="secondary" onClick={() => props.selection.clear()}>
          Clear
        </button>
        <button
          type="button"
          disabled={busy()}
          onClick={() => actions.monitor.mutate({ ids: props.selection.ids(), monitored: true })}
        >
          Monitor
        </button>
        <button
          type="button"
          disabled={busy()}
          onClick={() => actions.monitor.mutate({ ids: props.selection.ids(), monitored: false })}
        >
          Unmonitor
        </button>
        <button
          type="button"
          disabled={busy()}
          onClick={() => actions.downloadMissing.mutate(props.selection.ids())}
        >
          Download missing
        </button>
        <button
          type="button"
          disabled={busy()}
          title="Completed series read their episode lists from the catalogue again; the others resume loading"
          onClick={() => actions.retryLoading.mutate(props.selection.ids())}
        >
          Refresh episodes
        </button>
        <button type="button" class="danger" disabled={busy()} onClick={() => setRemoving(true)}>
          Remove…
        </button>
      </div>
      <details class="bulk-languages">
        <summary>Languages…</summary>
        <LanguagesEditor
          value={null}
          globalDefault={settings.query.data?.languages}
          saving={actions.languages.isPending}
          onSave={(languages) => actions.languages.mutate({ ids: props.selection.ids(), languages })}
        />
      </details>
      <ConfirmDialog
        open={removing()}
        title={`Remove ${count()} series?`}
        message="They leave the library. Their folders stay on disk unless you tick the box."
        confirmLabel="Remove"
        danger
        onCancel={() => setRemoving(false)}
        onConfirm={() => {
          setRemoving(false);
          actions.remove.mutate({ ids: props.selection.ids(), deleteFiles: deleteFiles() });
        }}
      >
        <label class="check">
          <input
            type="checkbox"
            checked={deleteFiles()}
            onChange={(e) => setDeleteFiles(e.currentTarget.checked)}
          />
          Also delete their folders and files
        </label>
      </ConfirmDialog>
    </section>
  );
}

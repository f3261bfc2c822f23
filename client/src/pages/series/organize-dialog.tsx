import { For, Show } from "solid-js";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { useOrganize, useOrganizePreview } from "../../lib/series-queries.ts";

/** The rename preview ("organize"): every change listed; Rename carries it out, once there is something to rename. */
export function OrganizeDialog(props: { seriesId: number; open: boolean; onClose: () => void }) {
  const preview = useOrganizePreview(
    () => props.seriesId,
    () => props.open,
  );
  const organize = useOrganize(() => props.seriesId);
  const changes = () => (preview.data?.files.length ?? 0) + (preview.data?.folder ? 1 : 0);
  return (
    <ConfirmDialog
      open={props.open}
      title="Organize: rename to the naming templates"
      message={
        preview.data
          ? changes()
            ? `${changes()} change(s):`
            : "Everything already follows the naming templates."
          : preview.isError
            ? errorMessage(preview.error)
            : "Working out the new names…"
      }
      confirmLabel="Rename"
      confirmDisabled={changes() === 0}
      onCancel={() => props.onClose()}
      onConfirm={() => {
        props.onClose();
        organize.mutate();
      }}
    >
      <Show when={preview.data}>
        {(plan) => (
          <div class="organize-plan" data-testid="organize-plan">
            <Show when={plan().folder}>
              {(f) => (
                <p>
                  Folder: <code>{f().from}</code> → <code>{f().to}</code>
                </p>
              )}
            </Show>
            <ul>
              <For each={plan().files}>
                {(f) => (
                  <li>
                    <code>{f.from.split("/").slice(1).join("/")}</code> →{" "}
                    <code>{f.to.split("/").slice(1).join("/")}</code>
                  </li>
                )}
              </For>
            </ul>
            <For each={plan().notes}>{(n) => <p class="muted">{n}</p>}</For>
          </div>
        )}
      </Show>
    </ConfirmDialog>
  );
}

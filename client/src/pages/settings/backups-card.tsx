import { For, Show } from "solid-js";
import { useBackups } from "../../lib/connections-queries.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatBytes } from "../../lib/format.ts";
import { useToasts } from "../../lib/toasts.tsx";

/** Database backups: the schedule's next run, the files kept, and "back up now". */
export function BackupsCard() {
  const toasts = useToasts();
  const { list, create } = useBackups();
  const backUp = () =>
    create.mutate(undefined, {
      onSuccess: (b) => toasts.push("success", `Backed up to ${b.name}.`),
      onError: (error) => toasts.push("error", `The backup failed: ${errorMessage(error)}`),
    });
  return (
    <section class="card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p class="muted">
        Copies of the database in the data folder's <code>backups</code> folder. Restore one with{" "}
        <code>aniworld restore FILE</code> while the server is stopped.
      </p>
      <Show when={list.data}>
        {(data) => (
          <>
            <p data-testid="backup-next">
              {data().nextDueAt === null
                ? "Scheduled backups are off."
                : `Next scheduled backup: ${new Date(data().nextDueAt ?? 0).toLocaleString()}`}
            </p>
            <ul class="backup-list">
              <For each={data().backups} fallback={<li>No backups yet.</li>}>
                {(b) => (
                  <li>
                    {b.name} · {formatBytes(b.size)} · {new Date(b.at).toLocaleString()}
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
      <div class="form-actions">
        <button type="button" class="primary" disabled={create.isPending} onClick={backUp}>
          Back up now
        </button>
      </div>
    </section>
  );
}

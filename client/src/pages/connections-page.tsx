import { createSignal, For, Show } from "solid-js";
import type { ConnectionCreate } from "../../../shared/connections.ts";
import { type ConnectionItem, useConnections } from "../lib/connections-queries.ts";
import { errorMessage } from "../lib/error-message.ts";
import { useToasts } from "../lib/toasts.tsx";
import { ConnectionForm, KIND_LABELS } from "./settings/connection-form.tsx";
import { DeliveryResultLine } from "./settings/delivery-result.tsx";

/** Settings → Media servers & notifications (/settings/connections): media servers and notification targets, each with a test button and its last result. */
export function ConnectionsPage() {
  const toasts = useToasts();
  const { list, create, update, remove, test } = useConnections();
  /** null: no form open; "new": adding; a number: editing that connection. */
  const [editing, setEditing] = createSignal<"new" | number | null>(null);

  const save = async (input: ConnectionCreate) => {
    const target = editing();
    if (typeof target === "number") await update.mutateAsync({ ...input, id: target });
    else await create.mutateAsync(input);
    toasts.push("success", `Connection “${input.name}” saved.`);
    setEditing(null);
  };
  const runTest = async (c: ConnectionItem) => {
    try {
      const result = await test.mutateAsync(c.id);
      toasts.push(result.ok ? "success" : "error", `${c.name}: ${result.message}`);
    } catch (error) {
      toasts.push("error", `${c.name}: ${errorMessage(error)}`);
    }
  };

  return (
    <section class="page" aria-labelledby="connections-title">
      <h1 id="connections-title">Media servers &amp; notifications</h1>
      <p class="muted">
        Media servers rescan a series folder when episodes or metadata land or Organize renames it (one
        refresh per series for a whole season; a renamed folder's old place is dropped); notifications go out
        for the events each one chooses. Deliveries run in the background and are retried; the last result of
        each is shown below. <a href="/settings">Back to settings</a>
      </p>
      <Show when={editing() === null}>
        <div class="form-actions">
          <button type="button" class="primary" onClick={() => setEditing("new")}>
            Add connection
          </button>
        </div>
      </Show>
      <Show when={editing() === "new"}>
        <ConnectionForm
          initial={null}
          saving={create.isPending}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      </Show>
      <Show
        when={list.data}
        fallback={<p>{list.isError ? errorMessage(list.error) : "Loading connections…"}</p>}
      >
        {(items) => (
          <Show when={items().length > 0} fallback={<p>No connections yet.</p>}>
            <ul class="connection-list">
              <For each={items()}>
                {(c) => (
                  <li class={editing() === c.id ? undefined : "card"} data-testid={`connection-${c.id}`}>
                    <Show
                      when={editing() === c.id}
                      fallback={
                        <>
                          <h2>
                            {c.name} <span class="badge">{KIND_LABELS[c.kind]}</span>
                            <Show when={!c.enabled}>
                              <span class="badge muted">off</span>
                            </Show>
                          </h2>
                          <p class="muted">
                            {c.kind === "discord" ? "Discord webhook" : c.url}
                            {c.topic ? ` · topic ${c.topic}` : ""}
                            {c.secretSet ? " · secret saved" : " · no secret"}
                            {c.pathMappings.length
                              ? ` · ${c.pathMappings.map((m) => `${m.from} → ${m.to}`).join(", ")}`
                              : ""}
                          </p>
                          <DeliveryResultLine result={c.lastResult} testId={`last-result-${c.id}`} />
                          <div class="form-actions">
                            <button type="button" disabled={test.isPending} onClick={() => runTest(c)}>
                              Test
                            </button>
                            <button type="button" onClick={() => setEditing(c.id)}>
                              Edit
                            </button>
                            <button
                              type="button"
                              onClick={() =>
                                remove.mutate(c.id, {
                                  onError: (error) => toasts.push("error", errorMessage(error)),
                                })
                              }
                            >
                              Remove
                            </button>
                          </div>
                        </>
                      }
                    >
                      <ConnectionForm
                        initial={c}
                        saving={update.isPending}
                        onSave={save}
                        onCancel={() => setEditing(null)}
                      />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}

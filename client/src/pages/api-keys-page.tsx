import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { FormError, FormField } from "../components/form-field.tsx";
import { useApi } from "../lib/api-context.tsx";
import { errorMessage } from "../lib/error-message.ts";
import { formValue } from "../lib/form-values.ts";

const KEYS = ["auth.apiKeys.list"] as const;

function when(ms: number | null): string {
  return ms === null ? "never" : new Date(ms).toLocaleString();
}

/** API keys for scripts and the typed client: a new key is shown once, then only its prefix. */
export function ApiKeysPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useQuery(() => ({ queryKey: KEYS, queryFn: () => api.client.auth.apiKeys.list.query() }));
  const create = useMutation(() => ({
    mutationFn: (name: string) => api.client.auth.apiKeys.create.mutate({ name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  }));
  const revoke = useMutation(() => ({
    mutationFn: (id: number) => api.client.auth.apiKeys.revoke.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    create.mutate(formValue(form, "name"), { onSuccess: () => form.reset() });
  };

  return (
    <section class="card" aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <p>
        Scripts send a key as <code>Authorization: Bearer KEY</code>; the typed client over WebSocket passes
        it as <code>connectionParams: {"{ apiKey: KEY }"}</code>.
      </p>
      <form class="inline-form" onSubmit={submit}>
        <FormField
          id="key-name"
          name="name"
          label="Name of the new key"
          required
          maxLength={100}
          autocomplete="off"
        />
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <FormError message={create.isError ? errorMessage(create.error) : null} />
      <Show when={create.data}>
        {(created) => (
          <div class="new-key" role="status">
            <p>Key “{created().name}” — copy it now, it will not be shown again:</p>
            <input
              class="secret"
              aria-label="The new API key"
              readOnly
              value={created().key}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
      </Show>
      <Show when={list.data} fallback={<p>{list.isError ? errorMessage(list.error) : "Loading…"}</p>}>
        {(keys) => (
          <Show when={keys().length > 0} fallback={<p>No API keys yet.</p>}>
            <table class="keys">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={keys()}>
                  {(key) => (
                    <tr>
                      <td>{key.name}</td>
                      <td>
                        <code>{key.prefix}…</code>
                      </td>
                      <td>{when(key.createdAt)}</td>
                      <td>{when(key.lastUsedAt)}</td>
                      <td>
                        <button
                          type="button"
                          class="danger"
                          disabled={revoke.isPending}
                          aria-label={`Revoke the key ${key.name}`}
                          onClick={() => {
                            if (window.confirm(`Revoke “${key.name}”? Scripts using it stop working.`))
                              revoke.mutate(key.id);
                          }}
                        >
                          Revoke
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
      <FormError message={revoke.isError ? errorMessage(revoke.error) : null} />
    </section>
  );
}

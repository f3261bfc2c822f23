import { createSignal, For, Show } from "solid-js";
import * as v from "valibot";
import {
  CONNECTION_KINDS,
  type ConnectionCreate,
  ConnectionCreateSchema,
  type ConnectionKind,
  isMediaServer,
  NOTIFICATION_EVENT_LABELS,
  NOTIFICATION_EVENTS,
  type NotificationEventName,
  type PathMapping,
} from "../../../../shared/connections.ts";
import { FormError } from "../../components/form-field.tsx";
import type { ConnectionItem } from "../../lib/connections-queries.ts";

export const KIND_LABELS: Record<ConnectionKind, string> = {
  jellyfin: "Jellyfin",
  emby: "Emby",
  plex: "Plex",
  kodi: "Kodi",
  webhook: "Webhook (JSON)",
  ntfy: "ntfy",
  gotify: "Gotify",
  discord: "Discord",
};

const SECRET_LABELS: Record<ConnectionKind, string> = {
  jellyfin: "API key",
  emby: "API key",
  plex: "X-Plex-Token",
  kodi: "Password",
  webhook: "Signing secret (optional)",
  ntfy: "Access token or password (optional)",
  gotify: "Application token",
  discord: "Webhook URL",
};

/**
 * Add or edit one connection. The secret field is write-only: empty keeps the saved secret (the server
 * drops it when the kind or the URL changes, so it is asked for again then).
 */
export function ConnectionForm(props: {
  initial: ConnectionItem | null;
  saving: boolean;
  onSave: (input: ConnectionCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const init = props.initial;
  const [kind, setKind] = createSignal<ConnectionKind>(init?.kind ?? "jellyfin");
  const [name, setName] = createSignal(init?.name ?? "");
  const [url, setUrl] = createSignal(init?.url ?? "");
  const [username, setUsername] = createSignal(init?.username ?? "");
  const [topic, setTopic] = createSignal(init?.topic ?? "");
  const [secret, setSecret] = createSignal("");
  const [enabled, setEnabled] = createSignal(init?.enabled ?? true);
  const [events, setEvents] = createSignal<NotificationEventName[]>(init?.events ?? [...NOTIFICATION_EVENTS]);
  const [mappings, setMappings] = createSignal<PathMapping[]>(init?.pathMappings ?? []);
  const [error, setError] = createSignal<string | null>(null);

  const secretKept = () => init?.secretSet === true && init.kind === kind() && init.url === url();
  const setMapping = (i: number, patch: Partial<PathMapping>) =>
    setMappings(mappings().map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = {
      name: name(),
      kind: kind(),
      enabled: enabled(),
      url: kind() === "discord" ? "" : url().trim(),
      username: username(),
      topic: topic().trim(),
      events: events(),
      pathMappings: mappings().filter((m) => m.from.trim() || m.to.trim()),
      ...(secret() !== "" ? { secret: secret() } : {}),
    };
    const parsed = v.safeParse(ConnectionCreateSchema, input);
    if (!parsed.success) {
      setError(parsed.issues.map((i) => i.message).join("; "));
      return;
    }
    setError(null);
    try {
      await props.onSave(input);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form class="card connection-form" aria-label="Connection" onSubmit={submit}>
      <div class="field">
        <label for="conn-kind">Kind</label>
        <select
          id="conn-kind"
          value={kind()}
          onChange={(e) => setKind(e.currentTarget.value as ConnectionKind)}
        >
          <For each={CONNECTION_KINDS}>{(k) => <option value={k}>{KIND_LABELS[k]}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="conn-name">Name</label>
        <input
          id="conn-name"
          required
          maxLength={80}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <Show when={kind() !== "discord"}>
        <div class="field">
          <label for="conn-url">{kind() === "webhook" ? "Webhook URL" : "Server URL"}</label>
          <input
            id="conn-url"
            type="url"
            placeholder={
              kind() === "plex"
                ? "http://nas:32400"
                : kind() === "kodi"
                  ? "http://htpc:8080"
                  : "http://nas:8096"
            }
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </div>
      </Show>
      <Show when={kind() === "kodi" || kind() === "ntfy"}>
        <div class="field">
          <label for="conn-user">User name{kind() === "ntfy" ? " (optional, with a password)" : ""}</label>
          <input
            id="conn-user"
            autocomplete="off"
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
      </Show>
      <Show when={kind() === "ntfy"}>
        <div class="field">
          <label for="conn-topic">Topic</label>
          <input id="conn-topic" value={topic()} onInput={(e) => setTopic(e.currentTarget.value)} />
        </div>
      </Show>
      <div class="field">
        <label for="conn-secret">{SECRET_LABELS[kind()]}</label>
        <input
          id="conn-secret"
          type="password"
          autocomplete="off"
          placeholder={secretKept() ? "saved — leave empty to keep it" : ""}
          value={secret()}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
      </div>
      <Show when={isMediaServer(kind())}>
        <fieldset class="path-mappings">
          <legend>Path mapping (when the media server sees the library under another path)</legend>
          <For each={mappings()}>
            {(m, i) => (
              <div class="mapping-row">
                <input
                  aria-label="Path in Aniworld"
                  placeholder="/srv/anime"
                  value={m.from}
                  onInput={(e) => setMapping(i(), { from: e.currentTarget.value })}
                />
                <span aria-hidden="true">→</span>
                <input
                  aria-label="Path on the media server"
                  placeholder="/media/anime"
                  value={m.to}
                  onInput={(e) => setMapping(i(), { to: e.currentTarget.value })}
                />
                <button type="button" onClick={() => setMappings(mappings().filter((_, j) => j !== i()))}>
                  Remove
                </button>
              </div>
            )}
          </For>
          <button type="button" onClick={() => setMappings([...mappings(), { from: "", to: "" }])}>
            Add mapping
          </button>
        </fieldset>
      </Show>
      <Show when={!isMediaServer(kind())}>
        <fieldset>
          <legend>Notify about</legend>
          <For each={NOTIFICATION_EVENTS}>
            {(ev) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={events().includes(ev)}
                  onChange={(e) =>
                    setEvents(e.currentTarget.checked ? [...events(), ev] : events().filter((x) => x !== ev))
                  }
                />
                {NOTIFICATION_EVENT_LABELS[ev]}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <label class="check">
        <input type="checkbox" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Enabled
      </label>
      <FormError message={error()} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.saving}>
          Save
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

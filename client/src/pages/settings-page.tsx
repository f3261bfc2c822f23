import { createSignal, Show } from "solid-js";
import type { SettingsPatch, TmdbKeyCheck } from "../../../shared/settings.ts";
import { errorMessage } from "../lib/error-message.ts";
import { useSettings } from "../lib/settings-queries.ts";
import { useSystemInfo } from "../lib/system-queries.ts";
import { useToasts } from "../lib/toasts.tsx";
import { BackupsCard } from "./settings/backups-card.tsx";
import { GeneralSettingsForm } from "./settings/general-settings-form.tsx";
import { TmdbKeyForm } from "./settings/tmdb-key-form.tsx";

export function SettingsPage() {
  const toasts = useToasts();
  const { query, update } = useSettings();
  const info = useSystemInfo();
  const [keyCheck, setKeyCheck] = createSignal<TmdbKeyCheck | null>(null);

  /** Resolves when saved; rejects with the server's error (the form shows it where it belongs). */
  const save = async (patch: SettingsPatch, what: string): Promise<void> => {
    const result = await update.mutateAsync(patch);
    if (result.tmdbKeyCheck) setKeyCheck(result.tmdbKeyCheck);
    toasts.push("success", `${what} saved.`);
  };

  return (
    <section class="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <section class="card" aria-labelledby="library-title">
        <h2 id="library-title">Library</h2>
        <dl class="facts">
          <dt>Library folder</dt>
          <dd data-testid="library-path">{info.data?.library ?? "…"}</dd>
          <dt>Data folder</dt>
          <dd>{info.data?.dataDir ?? "…"}</dd>
        </dl>
        <p class="muted">Set with --library / ANIWORLD_LIBRARY when the server starts.</p>
      </section>
      <section class="card" aria-labelledby="connections-link-title">
        <h2 id="connections-link-title">Media servers &amp; notifications</h2>
        <p>
          <a href="/settings/connections">Jellyfin, Emby, Plex, Kodi, webhooks, ntfy, Gotify, Discord →</a>
        </p>
      </section>
      <BackupsCard />
      <Show
        when={query.data}
        fallback={<p>{query.isError ? errorMessage(query.error) : "Loading settings…"}</p>}
      >
        {(settings) => (
          <>
            <TmdbKeyForm
              isSet={settings().tmdbApiKeySet}
              saving={update.isPending}
              check={keyCheck()}
              onSave={(key) => save({ tmdbApiKey: key }, key ? "TMDB key" : "Removal of the TMDB key")}
            />
            <GeneralSettingsForm
              current={settings()}
              saving={update.isPending}
              onSave={(patch) => save(patch, "Settings")}
            />
          </>
        )}
      </Show>
    </section>
  );
}

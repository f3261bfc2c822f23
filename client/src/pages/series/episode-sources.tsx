import { For, Show } from "solid-js";
import { LANGUAGE_LABELS, type Language } from "../../../../shared/languages.ts";
import { type EpisodeSource, useEpisodeSources } from "../../lib/activity-queries.ts";
import { errorMessage } from "../../lib/error-message.ts";

/**
 * An episode's hoster links per language as the catalogue offers them now; picking one queues the episode
 * with that source tried first.
 */
export function EpisodeSources(props: { episodeId: number; onPick: (source: EpisodeSource) => void }) {
  const sources = useEpisodeSources(() => props.episodeId);
  const byLanguage = () => {
    const map = new Map<string, EpisodeSource[]>();
    for (const s of sources.data ?? []) map.set(s.language, [...(map.get(s.language) ?? []), s]);
    return [...map.entries()];
  };
  return (
    <div class="sources" data-testid="episode-sources">
      <Show
        when={sources.data}
        fallback={<p>{sources.isError ? errorMessage(sources.error) : "Asking the catalogue…"}</p>}
      >
        <Show
          when={byLanguage().length}
          fallback={<p class="muted">The catalogue offers no hoster for this episode.</p>}
        >
          <For each={byLanguage()}>
            {([language, list]) => (
              <div class="source-language">
                <strong>{LANGUAGE_LABELS[language as Language] ?? language}:</strong>{" "}
                <For each={list}>
                  {(s) => (
                    <button
                      type="button"
                      disabled={!s.supported}
                      title={s.supported ? undefined : "No downloader for this hoster"}
                      aria-label={`Download from ${s.hoster} in ${LANGUAGE_LABELS[s.language]}`}
                      onClick={() => props.onPick(s)}
                    >
                      {s.hoster}
                    </button>
                  )}
                </For>
              </div>
            )}
          </For>
        </Show>
      </Show>
    </div>
  );
}

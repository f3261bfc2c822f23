import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import type { EpisodeSource } from "../../lib/activity-queries.ts";
import type { Outputs } from "../../lib/api-types.ts";
import { languageText } from "../../lib/download-text.ts";
import { formatBytes } from "../../lib/format.ts";
import { EpisodeSources } from "./episode-sources.tsx";

export type EpisodeState = Outputs["series"]["get"]["episodes"][number];

/** Extra state an episode can have beyond the library's view (queued or running downloads). */
export interface EpisodeActivity {
  label: string;
  progress?: JSX.Element;
  failed?: boolean;
}

export function seasonName(season: number): string {
  return season === 0 ? "Films & specials" : `Season ${season}`;
}

/**
 * Episodes grouped by season in collapsible sections: air date, languages offered, state (on disk with file
 * and size, missing, activity), and actions — download, or pick a hoster by hand under "Sources".
 */
export function EpisodeList(props: {
  episodes: readonly EpisodeState[];
  activity: (episodeId: number) => EpisodeActivity | null;
  onDownloadEpisode?: (episodeId: number) => void;
  onDownloadSeason?: (season: number) => void;
  onPickSource?: (episodeId: number, source: EpisodeSource) => void;
  onShowHistory?: (episodeId: number) => void;
  onSetMonitored?: (episodeIds: number[], monitored: boolean) => void;
}) {
  const seasons = createMemo(() => {
    const map = new Map<number, EpisodeState[]>();
    for (const e of props.episodes) map.set(e.season, [...(map.get(e.season) ?? []), e]);
    return [...map.entries()].sort((a, b) => (a[0] === 0 ? 1 : b[0] === 0 ? -1 : a[0] - b[0]));
  });
  const [sourcesOf, setSourcesOf] = createSignal<number | null>(null);
  return (
    <For each={seasons()} fallback={<p class="muted">No episodes known yet.</p>}>
      {([season, episodes]) => (
        <details class="card season" open data-testid="season">
          <summary>
            <h3 id={`season-${season}`}>
              {seasonName(season)}{" "}
              <span class="muted">
                ({episodes.filter((e) => e.onDisk).length}/{episodes.length} on disk)
              </span>
            </h3>
          </summary>
          <div class="form-actions">
            <Show when={props.onDownloadSeason && episodes.some((e) => e.missing)}>
              <button type="button" onClick={() => props.onDownloadSeason?.(season)}>
                Download missing of {seasonName(season).toLowerCase()}
              </button>
            </Show>
            <Show when={props.onSetMonitored}>
              <button
                type="button"
                onClick={() =>
                  props.onSetMonitored?.(
                    episodes.map((e) => e.id),
                    !episodes.every((e) => e.monitored),
                  )
                }
              >
                {episodes.every((e) => e.monitored) ? "Unmonitor" : "Monitor"}{" "}
                {seasonName(season).toLowerCase()}
              </button>
            </Show>
          </div>
          <div class="table-scroll">
            <table class="episodes dense" aria-labelledby={`season-${season}`}>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Monitored</span>
                  </th>
                  <th scope="col">#</th>
                  <th scope="col">Title</th>
                  <th scope="col">Air date</th>
                  <th scope="col">Languages</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={episodes}>
                  {(e) => {
                    const activity = () => props.activity(e.id);
                    const label = `episode ${e.number} of ${seasonName(e.season).toLowerCase()}`;
                    return (
                      <>
                        <tr
                          data-testid="episode"
                          data-episode={`${e.season}x${e.number}`}
                          classList={{ unmonitored: !e.monitored }}
                        >
                          <td>
                            <input
                              type="checkbox"
                              checked={e.monitored}
                              disabled={!props.onSetMonitored}
                              aria-label={`Monitor ${label}`}
                              onChange={(ev) => props.onSetMonitored?.([e.id], ev.currentTarget.checked)}
                            />
                          </td>
                          <td>{e.number}</td>
                          <td class="episode-title cell-name">
                            {e.titleDe ?? e.titleEn ?? `Episode ${e.number}`}
                          </td>
                          <td>{e.airDate ?? "–"}</td>
                          <td>{languageText(e.languages)}</td>
                          <td class="episode-state" data-testid="episode-state">
                            <EpisodeStateText episode={e} activity={activity()} />
                          </td>
                          <td class="cell-actions">
                            <Show when={props.onDownloadEpisode && e.missing && !activity()}>
                              <button
                                type="button"
                                aria-label={`Download ${label}`}
                                onClick={() => props.onDownloadEpisode?.(e.id)}
                              >
                                Download
                              </button>
                            </Show>
                            <Show when={props.onPickSource && !e.onDisk && e.inCatalog}>
                              <button
                                type="button"
                                aria-expanded={sourcesOf() === e.id}
                                aria-label={`Sources of ${label}`}
                                onClick={() => setSourcesOf(sourcesOf() === e.id ? null : e.id)}
                              >
                                Sources
                              </button>
                            </Show>
                            <Show when={props.onShowHistory}>
                              <button
                                type="button"
                                aria-label={`History of ${label}`}
                                onClick={() => props.onShowHistory?.(e.id)}
                              >
                                History
                              </button>
                            </Show>
                          </td>
                        </tr>
                        <Show when={sourcesOf() === e.id}>
                          <tr class="details-row">
                            <td colspan="7">
                              <EpisodeSources
                                episodeId={e.id}
                                onPick={(s) => {
                                  setSourcesOf(null);
                                  props.onPickSource?.(e.id, s);
                                }}
                              />
                            </td>
                          </tr>
                        </Show>
                      </>
                    );
                  }}
                </For>
              </tbody>
            </table>
          </div>
        </details>
      )}
    </For>
  );
}

function EpisodeStateText(props: { episode: EpisodeState; activity: EpisodeActivity | null }) {
  const e = () => props.episode;
  return (
    <Show
      when={props.activity}
      fallback={
        <Show
          when={e().onDisk}
          fallback={
            <span classList={{ "has-missing": e().missing }}>
              {e().missing
                ? e().monitored
                  ? "missing"
                  : "missing (not monitored)"
                : "not offered in your languages"}
            </span>
          }
        >
          <span class="on-disk">
            on disk · <span class="file-name">{e().filePath?.split("/").pop()}</span> ·{" "}
            {formatBytes(e().fileSize)}
          </span>
        </Show>
      }
    >
      {(a) => (
        <span classList={{ "series-failed": a().failed === true }}>
          {a().label}
          {a().progress}
        </span>
      )}
    </Show>
  );
}

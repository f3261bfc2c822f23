import { createMemo, For, type JSX, Show } from "solid-js";
import type { Outputs } from "../../lib/api-types.ts";
import { formatBytes } from "../../lib/format.ts";

export type EpisodeState = Outputs["series"]["get"]["episodes"][number];

/** Extra state an episode can have beyond the library's view (queued or running downloads). */
export interface EpisodeActivity {
  label: string;
  progress?: JSX.Element;
  failed?: boolean;
}

function seasonName(season: number): string {
  return season === 0 ? "Films & specials" : `Season ${season}`;
}

/** Episodes grouped by season: state (on disk with file and size, missing, activity) and actions. */
export function EpisodeList(props: {
  episodes: readonly EpisodeState[];
  activity: (episodeId: number) => EpisodeActivity | null;
  onDownloadEpisode?: (episodeId: number) => void;
  onDownloadSeason?: (season: number) => void;
}) {
  const seasons = createMemo(() => {
    const map = new Map<number, EpisodeState[]>();
    for (const e of props.episodes) map.set(e.season, [...(map.get(e.season) ?? []), e]);
    return [...map.entries()].sort((a, b) => (a[0] === 0 ? 1 : b[0] === 0 ? -1 : a[0] - b[0]));
  });
  return (
    <For each={seasons()} fallback={<p class="muted">No episodes known yet.</p>}>
      {([season, episodes]) => (
        <section class="card season" aria-labelledby={`season-${season}`}>
          <div class="section-head">
            <h3 id={`season-${season}`}>
              {seasonName(season)}{" "}
              <span class="muted">
                ({episodes.filter((e) => e.onDisk).length}/{episodes.length} on disk)
              </span>
            </h3>
            <Show when={props.onDownloadSeason && episodes.some((e) => e.missing)}>
              <button type="button" onClick={() => props.onDownloadSeason?.(season)}>
                Download missing of {seasonName(season).toLowerCase()}
              </button>
            </Show>
          </div>
          <table class="episodes">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
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
                  return (
                    <tr data-testid="episode" data-episode={`${e.season}x${e.number}`}>
                      <td>{e.number}</td>
                      <td class="episode-title">{e.titleDe ?? e.titleEn ?? `Episode ${e.number}`}</td>
                      <td class="episode-state" data-testid="episode-state">
                        <Show
                          when={activity()}
                          fallback={
                            <Show
                              when={e.onDisk}
                              fallback={
                                <span classList={{ "has-missing": e.missing }}>
                                  {e.missing ? "missing" : "not offered in your languages"}
                                </span>
                              }
                            >
                              <span class="on-disk">
                                on disk · <span class="file-name">{e.filePath?.split("/").pop()}</span> ·{" "}
                                {formatBytes(e.fileSize)}
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
                      </td>
                      <td>
                        <Show when={props.onDownloadEpisode && e.missing && !activity()}>
                          <button
                            type="button"
                            aria-label={`Download episode ${e.number} of ${seasonName(e.season).toLowerCase()}`}
                            onClick={() => props.onDownloadEpisode?.(e.id)}
                          >
                            Download
                          </button>
                        </Show>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </section>
      )}
    </For>
  );
}

import { useNavigate, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { artworkUrl } from "../../../shared/artwork.ts";
import type { Language } from "../../../shared/languages.ts";
import { LOADING_STEPS } from "../../../shared/series-loading.ts";
import { OptionalArtwork, Poster } from "../components/artwork-images.tsx";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { LoadingSteps, stepsDone } from "../components/loading-steps.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { isLoading } from "../components/series-card.tsx";
import { useApi } from "../lib/api-context.tsx";
import { posterSource } from "../lib/artwork.ts";
import { ACTIVE } from "../lib/downloads-cache.ts";
import { HTTP_REFRESH_MS } from "../lib/downloads-feed.ts";
import { useDownloads, useEnqueue } from "../lib/downloads-queries.ts";
import { errorMessage } from "../lib/error-message.ts";
import { formatBytes, formatYears, fraction } from "../lib/format.ts";
import { SERIES_LIST_KEY, seriesGetKey, snapshotOf } from "../lib/series-cache.ts";
import { useSettings } from "../lib/settings-queries.ts";
import { useToasts } from "../lib/toasts.tsx";
import { type EpisodeActivity, EpisodeList, type EpisodeState, seasonName } from "./series/episode-list.tsx";
import { LanguagesEditor } from "./series/languages-editor.tsx";
import { OrganizeDialog } from "./series/organize-dialog.tsx";
import { SeriesHistory } from "./series/series-history.tsx";
import { UnmatchedFiles } from "./series/unmatched-files.tsx";

function episodeLabel(episodes: readonly EpisodeState[], id: number | null): string | null {
  const e = id === null ? undefined : episodes.find((x) => x.id === id);
  return e ? `${seasonName(e.season)}, episode ${e.number}` : null;
}

/** The id in /series/:id, or 0 when it is not a positive whole number ("abc", "-1", "1.5"). */
export function seriesIdFrom(param: string | undefined): number {
  return param && /^[1-9]\d{0,15}$/.test(param) ? Number(param) : 0;
}

/** For an id that is no series: say so (the server's reason when there is one) and offer the way back. */
function SeriesNotFound(props: { error: unknown }) {
  return (
    <section class="card" data-testid="series-not-found">
      <h1>Series not found</h1>
      <p>{props.error ? errorMessage(props.error) : "This address does not name a series."}</p>
      <p>
        <a href="/">Back to the library</a>
      </p>
    </section>
  );
}

/** One series: metadata, live loading state, episodes by season and every action on it. */
export function SeriesPage() {
  const api = useApi();
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const id = () => seriesIdFrom(params.id);
  const series = useQuery(() => {
    // Read here, not in refetchInterval, so a change of the socket's state sets the options again.
    const live = api.connection() === "open";
    return {
      queryKey: seriesGetKey(id()),
      queryFn: () => api.client.series.get.query({ id: id() }),
      enabled: id() > 0,
      // Loading progress comes as live events; without the socket (a proxy that drops upgrades) the page
      // reads the series again until its loading ends.
      refetchInterval: (query) => {
        const status = query.state.data?.loadingStatus;
        return !live && status !== undefined && isLoading(status) ? HTTP_REFRESH_MS : false;
      },
    };
  });
  const downloads = useDownloads();
  const enqueue = useEnqueue();
  /** The latest download of each episode of this series that is running or failed. */
  const activity = (episodeId: number): EpisodeActivity | null => {
    const d = (downloads.data ?? []).filter((x) => x.episodeId === episodeId).sort((a, b) => b.id - a.id)[0];
    if (!d || !(ACTIVE.has(d.state) || d.state === "failed")) return null;
    if (d.state === "failed")
      return { label: `download failed: ${d.error ?? "unknown error"}`, failed: true };
    if (d.state !== "downloading") return { label: d.state };
    return {
      label: `downloading ${formatBytes(d.bytesDone)} of ${formatBytes(d.bytesTotal)}`,
      progress: <ProgressBar value={fraction(d.bytesDone, d.bytesTotal)} label="Download progress" />,
    };
  };
  const [removing, setRemoving] = createSignal(false);
  const [historyEpisode, setHistoryEpisode] = createSignal<number | null>(null);
  const [organizing, setOrganizing] = createSignal(false);
  const [deleteFiles, setDeleteFiles] = createSignal(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: seriesGetKey(id()) });
    void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
  };
  const action = <T,>(run: () => Promise<T>, done: string) =>
    useMutation(() => ({
      mutationFn: run,
      onSuccess: () => {
        toasts.push("success", done);
        refresh();
      },
      onError: (error: unknown) => toasts.push("error", errorMessage(error)),
    }));
  const retry = action(() => api.client.series.retryLoading.mutate({ id: id() }), "Loading again…");
  const rescan = action(() => api.client.library.scan.mutate({ seriesId: id() }), "Rescan started.");
  const monitor = useMutation(() => ({
    mutationFn: (monitored: boolean) => api.client.series.setMonitored.mutate({ id: id(), monitored }),
    onSuccess: refresh,
    onError: (error: unknown) => toasts.push("error", errorMessage(error)),
  }));
  const episodeMonitor = useMutation(() => ({
    mutationFn: (input: { episodeIds: number[]; monitored: boolean }) =>
      api.client.series.setEpisodesMonitored.mutate({ seriesId: id(), ...input }),
    onSuccess: refresh,
    onError: (error: unknown) => toasts.push("error", errorMessage(error)),
  }));
  const settings = useSettings();
  const setLanguages = useMutation(() => ({
    mutationFn: (languages: Language[] | null) =>
      api.client.series.setLanguages.mutate({ id: id(), languages }),
    onSuccess: (_row: unknown, languages: Language[] | null) => {
      toasts.push("success", languages ? "Language order saved." : "Using the global languages.");
      refresh();
    },
    onError: (error: unknown) => toasts.push("error", errorMessage(error)),
  }));
  const remove = useMutation(() => ({
    mutationFn: () => api.client.series.remove.mutate({ id: id(), deleteFiles: deleteFiles() }),
    onSuccess: () => {
      toasts.push("success", deleteFiles() ? "Removed with its files." : "Removed; files kept on disk.");
      queryClient.removeQueries({ queryKey: seriesGetKey(id()) });
      void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
      navigate("/", { replace: true });
    },
    onError: (error: unknown) => toasts.push("error", errorMessage(error)),
  }));

  return (
    <Show
      when={id() > 0 && series.data}
      fallback={
        <Show when={id() > 0 && !series.isError} fallback={<SeriesNotFound error={series.error} />}>
          <p>Loading…</p>
        </Show>
      }
    >
      {(s) => (
        <article class="page series-page" aria-labelledby="series-title">
          <header class="series-header card" classList={{ "has-fanart": s().imagesLoaded }}>
            <OptionalArtwork
              class="series-fanart"
              testId="series-fanart"
              src={s().imagesLoaded ? artworkUrl(s().id, "fanart.jpg") : null}
            />
            <Poster src={posterSource(s())} title={s().title} large />
            <div class="series-header-body">
              <OptionalArtwork
                class="series-logo"
                testId="series-logo"
                src={s().logoLoaded && !s().logoUnavailable ? artworkUrl(s().id, "logo.png") : null}
              />
              <h1 id="series-title" data-testid="series-title">
                {s().title}
              </h1>
              <p class="muted">
                {formatYears(s().year, s().endYear)} · {s().episodesOnDisk} on disk · {s().episodesMissing}{" "}
                missing · {s().episodesTotal} episodes
              </p>
              <Show when={s().genres.length > 0}>
                <ul class="genres" aria-label="Genres">
                  <For each={s().genres}>{(g) => <li class="badge">{g}</li>}</For>
                </ul>
              </Show>
              <p class="plot">{s().description ?? "No description."}</p>
              <dl class="facts">
                <dt>Catalogue</dt>
                <dd>{s().catalogKey}</dd>
                <dt>Folder</dt>
                <dd>{s().folder}</dd>
                <dt>IMDb</dt>
                <dd>{s().imdbId ?? "–"}</dd>
                <dt>TMDB</dt>
                <dd>{s().tmdbId ?? "–"}</dd>
              </dl>
            </div>
          </header>

          <section class="card" aria-labelledby="loading-title" aria-live="polite">
            <h2 id="loading-title">Metadata</h2>
            <Show
              when={isLoading(s().loadingStatus) || s().loadingStatus === "failed"}
              fallback={<p data-testid="loading-state">All four steps loaded.</p>}
            >
              <ProgressBar
                value={stepsDone(snapshotOf(s())) / LOADING_STEPS.length}
                label="Loading metadata"
                text={`${stepsDone(snapshotOf(s()))} of ${LOADING_STEPS.length}`}
              />
              <Show when={s().loadingError}>
                <p class="series-failed">{s().loadingError}</p>
              </Show>
            </Show>
            <LoadingSteps snapshot={snapshotOf(s())} />
          </section>

          <section class="card" aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <div class="form-actions">
              <button
                type="button"
                class="primary"
                disabled={s().episodesMissing === 0 || enqueue.isPending}
                onClick={() => enqueue.mutate({ seriesId: id() })}
              >
                Download missing ({s().episodesMissing})
              </button>
              <button
                type="button"
                onClick={() => retry.mutate()}
                disabled={retry.isPending}
                title={
                  s().loadingStatus === "completed"
                    ? "Read the episode list from the catalogue again: new episodes, titles and languages"
                    : "Load the steps not done yet"
                }
              >
                {s().loadingStatus === "completed" ? "Refresh episodes" : "Retry loading"}
              </button>
              <button type="button" onClick={() => rescan.mutate()} disabled={rescan.isPending}>
                Rescan folder
              </button>
              <label class="check">
                <input
                  type="checkbox"
                  checked={s().monitored}
                  disabled={monitor.isPending}
                  onChange={(e) => monitor.mutate(e.currentTarget.checked)}
                />
                Monitored (fetch new episodes on schedule)
              </label>
              <button type="button" onClick={() => setOrganizing(true)}>
                Organize…
              </button>
              <button type="button" class="danger" onClick={() => setRemoving(true)}>
                Remove…
              </button>
            </div>
          </section>

          <section class="card" aria-labelledby="languages-title">
            <h2 id="languages-title">Languages</h2>
            <LanguagesEditor
              value={s().languages}
              globalDefault={settings.query.data?.languages}
              saving={setLanguages.isPending}
              onSave={(languages) => setLanguages.mutate(languages)}
            />
          </section>

          <section aria-labelledby="episodes-title">
            <h2 id="episodes-title">Episodes</h2>
            <EpisodeList
              episodes={s().episodes}
              activity={activity}
              onDownloadEpisode={(episodeId) => enqueue.mutate({ episodeIds: [episodeId] })}
              onDownloadSeason={(season) => enqueue.mutate({ seriesId: id(), season })}
              onPickSource={(episodeId, source) =>
                enqueue.mutate({ episodeId, source: { language: source.language, hoster: source.hoster } })
              }
              onSetMonitored={(episodeIds, monitored) => episodeMonitor.mutate({ episodeIds, monitored })}
              onShowHistory={(episodeId) => {
                setHistoryEpisode(episodeId);
                document.getElementById("series-history")?.focus();
              }}
            />
          </section>
          <UnmatchedFiles seriesId={id()} />

          <SeriesHistory
            seriesId={s().id}
            episodeId={historyEpisode()}
            episodeName={episodeLabel(s().episodes, historyEpisode())}
            onAllEpisodes={() => setHistoryEpisode(null)}
          />

          <OrganizeDialog seriesId={s().id} open={organizing()} onClose={() => setOrganizing(false)} />

          <ConfirmDialog
            open={removing()}
            title={`Remove ${s().title}?`}
            message="The series leaves the library. Its folder stays on disk unless you tick the box."
            confirmLabel="Remove"
            danger
            onCancel={() => setRemoving(false)}
            onConfirm={() => {
              setRemoving(false);
              remove.mutate();
            }}
          >
            <label class="check">
              <input
                type="checkbox"
                checked={deleteFiles()}
                onChange={(e) => setDeleteFiles(e.currentTarget.checked)}
              />
              Also delete the folder and its files
            </label>
          </ConfirmDialog>
        </article>
      )}
    </Show>
  );
}

import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, onCleanup } from "solid-js";
import { episodeCode } from "../../../shared/naming.ts";
import { ACTIVITY_KEY } from "./activity-queries.ts";
import { useApi } from "./api-context.tsx";
import type { Outputs } from "./api-types.ts";
import { AUTH_STATUS_KEY, isUnauthorized } from "./auth.ts";
import { DOWNLOADS_KEY } from "./downloads-cache.ts";
import { downloadsFeed } from "./downloads-feed.ts";
import {
  applyToPage,
  type LoadingUpdate,
  SERIES_LIST_KEY,
  seriesGetKey,
  statusFamily,
  withLoading,
} from "./series-cache.ts";
import { SETTINGS_KEY, type SettingsView } from "./settings-queries.ts";
import { useToasts } from "./toasts.tsx";

type SeriesListPage = Outputs["series"]["list"];
type SeriesDetails = Outputs["series"]["get"];
type Downloads = Outputs["downloads"]["list"];

const finished = (s: string | undefined) => s === "completed" || s === "failed";

/** How often pages read what they show again while only HTTP works. */
export const PAGE_REFRESH_MS = 10_000;

/**
 * The app's live subscriptions, mounted once while signed in. Each event is folded into solid-query's
 * cache (setQueryData), so every page showing that data updates without polling; finished loads also
 * raise a toast. Follows `api.client`, so a new socket after sign-in gets its own subscription.
 */
export function LiveUpdates() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const downloads = downloadsFeed(queryClient);

  // Without the socket while the server answers over HTTP (a proxy that drops upgrades) no event keeps the
  // cache current: what the open pages show is read again every PAGE_REFRESH_MS, and the rest when next
  // opened. The download list (DownloadsFeed) and a loading series (SeriesPage) refresh faster on their own.
  createEffect(() => {
    if (api.connection() !== "http-only") return;
    const timer = setInterval(() => {
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== DOWNLOADS_KEY[0] });
    }, PAGE_REFRESH_MS);
    onCleanup(() => clearInterval(timer));
  });

  // Titles, years, covers, counts and filter membership are the server's: at most one refetch of the
  // loaded windows per half second while events that may change them keep coming (a throttle, not a
  // debounce, so a long burst still refreshes).
  let listRefresh: ReturnType<typeof setTimeout> | undefined;
  const refreshListSoon = () => {
    if (listRefresh !== undefined) return;
    listRefresh = setTimeout(() => {
      listRefresh = undefined;
      void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
    }, 500);
  };
  onCleanup(() => clearTimeout(listRefresh));
  // The status family each series was last seen in (events and loaded rows), to tell which events move a
  // series between filters. Only series that reported an event are kept.
  const families = new Map<number, string>();

  const onLoading = (u: LoadingUpdate) => {
    let previousStatus: string | undefined;
    let hadEpisodes: boolean | undefined;
    let title: string | undefined;
    // Every loaded window holding the series gets the new loading state at once.
    queryClient.setQueriesData<SeriesListPage>({ queryKey: SERIES_LIST_KEY }, (page) => {
      const out = applyToPage<SeriesListPage["rows"][number], SeriesListPage>(page, u);
      if (out.previous) {
        previousStatus ??= out.previous.loadingStatus;
        hadEpisodes ??= out.previous.episodesLoaded;
        title ??= out.previous.title;
      }
      return out.page;
    });
    // A new series, a removed one, or one that moved between filters: counts and windows changed.
    const before = families.get(u.seriesId) ?? (previousStatus && statusFamily(previousStatus));
    const after = statusFamily(u.status);
    if (after === "removed") families.delete(u.seriesId);
    else families.set(u.seriesId, after);
    if (before ? before !== after : u.status === "pending") refreshListSoon();
    if (u.status === "removed") downloads.removeSeries(u.seriesId);
    queryClient.setQueryData<SeriesDetails>(seriesGetKey(u.seriesId), (d) => {
      if (!d) return d;
      title ??= d.title;
      previousStatus ??= d.loadingStatus;
      return u.status === "removed" ? undefined : withLoading(d, u);
    });
    if (hadEpisodes === false && u.progress.episodes) {
      refreshListSoon();
      void queryClient.invalidateQueries({ queryKey: seriesGetKey(u.seriesId) });
    }
    // The first event is a snapshot: only a change seen here (loading → finished) is news. A series added
    // here may finish before any list window holds it: the events seen this session say it was loading.
    const wasLoading = (before ?? (previousStatus && statusFamily(previousStatus))) === "loading";
    if (wasLoading && finished(u.status)) {
      // Episodes, counts and the title changed with the load (fetching the details refreshes them): the
      // toast names the series as loaded now, not as the cache knew it (a series added by key alone carried
      // its slug's words until then).
      const known = title;
      void queryClient
        .fetchQuery({
          queryKey: seriesGetKey(u.seriesId),
          queryFn: () => api.client.series.get.query({ id: u.seriesId }),
          staleTime: 0,
        })
        .then((d) => d.title)
        .catch(() => known)
        .then((name) => {
          if (u.status === "completed") toasts.push("success", `Loaded ${name ?? "a series"}.`);
          else toasts.push("error", `Loading ${name ?? "a series"} failed: ${u.message ?? "unknown error"}`);
        });
      refreshListSoon();
    }
  };

  const announceFinished = (d: Downloads[number]) => {
    const name = `${d.seriesTitle} ${episodeCode(d.season, d.episode)}`;
    if (d.state === "completed") toasts.push("success", `Downloaded ${name}.`);
    else toasts.push("error", `Download of ${name} failed: ${d.error ?? "unknown error"}`);
    // The episode is on disk now (or still missing): counts and episode states changed.
    void queryClient.invalidateQueries({ queryKey: seriesGetKey(d.seriesId) });
    refreshListSoon();
    void queryClient.invalidateQueries({ queryKey: ACTIVITY_KEY });
  };
  onCleanup(downloads.onFinished(announceFinished));

  const stopped = (what: string) => (error: { message: string }) => {
    // A session that ended: the auth guard takes the user to sign in; no toast needed.
    if (isUnauthorized(error)) void queryClient.invalidateQueries({ queryKey: AUTH_STATUS_KEY });
    else toasts.push("error", `Live ${what} updates stopped: ${error.message}`);
  };

  // The download list is this subscription's alone: a new one after every reconnect, so its first message
  // is a snapshot that replaces the list wholly (the server may have restarted; a series removed meanwhile
  // took its downloads along without a download event to replay).
  createEffect(() => {
    const client = api.client;
    api.reconnects();
    const sub = client.downloads.progress.subscribe(undefined, {
      onData: (event) => downloads.receive(event.data),
      onError: stopped("download"),
    });
    onCleanup(() => sub.unsubscribe());
  });
  createEffect(() => {
    const client = api.client;
    const sub = client.series.loadingStatus.subscribe(
      {},
      {
        onData: (event) => onLoading(event.data),
        onError: stopped("loading"),
      },
    );
    onCleanup(() => sub.unsubscribe());
    // Saved in another tab or by a script: every open settings form follows.
    const settings = client.settings.changes.subscribe(undefined, {
      onData: (event) => queryClient.setQueryData<SettingsView>(SETTINGS_KEY, event.data),
      onError: stopped("settings"),
    });
    onCleanup(() => settings.unsubscribe());
  });
  return null;
}

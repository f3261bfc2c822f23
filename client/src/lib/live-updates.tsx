import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, onCleanup } from "solid-js";
import { useApi } from "./api-context.tsx";
import type { Outputs } from "./api-types.ts";
import { AUTH_STATUS_KEY, isUnauthorized } from "./auth.ts";
import {
  applyToList,
  type LoadingUpdate,
  SERIES_LIST_KEY,
  seriesGetKey,
  withLoading,
} from "./series-cache.ts";
import { useToasts } from "./toasts.tsx";

type SeriesList = Outputs["series"]["list"];
type SeriesDetails = Outputs["series"]["get"];

const finished = (s: string | undefined) => s === "completed" || s === "failed";

/**
 * The app's live subscriptions, mounted once while signed in. Each event is folded into solid-query's
 * cache (setQueryData), so every page showing that data updates without polling; finished loads also
 * raise a toast. Follows `api.client`, so a new socket after sign-in gets its own subscription.
 */
export function LiveUpdates() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();

  const onLoading = (u: LoadingUpdate) => {
    let previousStatus: string | undefined;
    let title: string | undefined;
    queryClient.setQueryData<SeriesList>(SERIES_LIST_KEY, (list) => {
      const out = applyToList(list, u);
      previousStatus = out.previous?.loadingStatus;
      title = out.previous?.title;
      if (list && !out.known) void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
      return out.list;
    });
    queryClient.setQueryData<SeriesDetails>(seriesGetKey(u.seriesId), (d) => {
      if (!d) return d;
      title ??= d.title;
      previousStatus ??= d.loadingStatus;
      return u.status === "removed" ? undefined : withLoading(d, u);
    });
    // The first event is a snapshot: only a change seen here (loading → finished) is news.
    if (previousStatus && !finished(previousStatus) && finished(u.status)) {
      if (u.status === "completed") toasts.push("success", `Loaded ${title ?? "a series"}.`);
      else toasts.push("error", `Loading ${title ?? "a series"} failed: ${u.message ?? "unknown error"}`);
      // Episodes and missing counts changed with the load.
      void queryClient.invalidateQueries({ queryKey: seriesGetKey(u.seriesId) });
      void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
    }
  };

  createEffect(() => {
    const client = api.client;
    const sub = client.series.loadingStatus.subscribe(
      {},
      {
        onData: (event) => onLoading(event.data),
        onError: (error) => {
          // A session that ended: the auth guard takes the user to sign in; no toast needed.
          if (isUnauthorized(error)) void queryClient.invalidateQueries({ queryKey: AUTH_STATUS_KEY });
          else toasts.push("error", `Live loading updates stopped: ${error.message}`);
        },
      },
    );
    onCleanup(() => sub.unsubscribe());
  });
  return null;
}

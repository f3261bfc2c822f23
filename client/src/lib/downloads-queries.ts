import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { ACTIVITY_KEY } from "./activity-queries.ts";
import { useApi } from "./api-context.tsx";
import type { Inputs, Outputs } from "./api-types.ts";
import { DOWNLOADS_KEY } from "./downloads-cache.ts";
import { downloadsFeed, HTTP_REFRESH_MS } from "./downloads-feed.ts";
import { errorMessage } from "./error-message.ts";
import { SERIES_LIST_KEY } from "./series-cache.ts";
import { useToasts } from "./toasts.tsx";

export type Download = Outputs["downloads"]["list"][number];

/**
 * The queue in the cache, owned by the `downloads.progress` subscription in LiveUpdates while its socket
 * is open; the HTTP list paints an empty cache first, and refreshes the list while a page shows it and the
 * socket is not open (see DownloadsFeed).
 */
export function useDownloads() {
  const api = useApi();
  const feed = downloadsFeed(useQueryClient());
  const subscribed = () => api.connection() === "open";
  return useQuery(() => ({
    queryKey: DOWNLOADS_KEY,
    queryFn: () => feed.seed(() => api.client.downloads.list.query(), subscribed()),
    reconcile: "id",
    // Without the socket nothing kept the cache current while no page showed it.
    refetchOnMount: subscribed() ? false : "always",
    refetchInterval: subscribed() ? false : HTTP_REFRESH_MS,
  }));
}

/** downloads.enqueue with a toast saying how many were queued and why others were skipped. */
export function useEnqueue() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  return useMutation(() => ({
    mutationFn: (input: Inputs["downloads"]["enqueue"]) => api.client.downloads.enqueue.mutate(input),
    onSuccess: (result) => {
      const skipped = result.skipped.length
        ? ` (${result.skipped.length} skipped: ${result.skipped[0]?.reason})`
        : "";
      toasts.push(
        result.queued.length ? "success" : "info",
        `Queued ${result.queued.length} episode(s)${skipped}.`,
      );
      // The queue is not refetched: its new items arrive as live events, and a list read before a fast
      // download finished, answered after its last event, would leave the item "downloading" for good.
      void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
      void queryClient.invalidateQueries({ queryKey: ACTIVITY_KEY });
    },
    onError: (error) => toasts.push("error", `Could not queue: ${errorMessage(error)}`),
  }));
}

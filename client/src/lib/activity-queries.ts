import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { useApi } from "./api-context.tsx";
import type { Inputs, Outputs } from "./api-types.ts";
import { errorMessage } from "./error-message.ts";
import { useToasts } from "./toasts.tsx";

export type HistoryFilter = Inputs["downloads"]["history"];
export type HistoryRow = Outputs["downloads"]["history"]["items"][number];
export type WantedQuery = Inputs["library"]["wanted"];
export type CalendarRange = Inputs["library"]["calendar"];
export type CalendarEntry = Outputs["library"]["calendar"][number];
export type EpisodeSource = Outputs["downloads"]["sources"][number];

/** Every activity key starts here, so one invalidation refreshes history, wanted and calendar. */
export const ACTIVITY_KEY = ["activity"] as const;
export const historyKey = (f: HistoryFilter) => [...ACTIVITY_KEY, "history", f] as const;
export const wantedKey = (q: WantedQuery) => [...ACTIVITY_KEY, "wanted", q] as const;
export const calendarKey = (r: CalendarRange) => [...ACTIVITY_KEY, "calendar", r] as const;
export const sourcesKey = (episodeId: number) => ["downloads.sources", episodeId] as const;

/** One page of the download history (the previous page stays on screen while the next loads). */
export function useHistory(filter: () => HistoryFilter) {
  const api = useApi();
  return useQuery(() => ({
    queryKey: historyKey(filter()),
    queryFn: () => api.client.downloads.history.query(filter()),
    placeholderData: keepPreviousData,
  }));
}

/** Removes history rows (some, or all) and refreshes every activity view. */
export function useRemoveHistory() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  return useMutation(() => ({
    mutationFn: (ids: number[] | "all") =>
      api.client.downloads.removeHistory.mutate(ids === "all" ? { all: true } : { ids }),
    onSuccess: (r) => {
      toasts.push(
        "success",
        `Removed ${r.removed.length} history ${r.removed.length === 1 ? "entry" : "entries"}.`,
      );
      void queryClient.invalidateQueries({ queryKey: ACTIVITY_KEY });
    },
    onError: (error) => toasts.push("error", `Could not remove: ${errorMessage(error)}`),
  }));
}

/** One page of missing episodes across the library. */
export function useWanted(query: () => WantedQuery) {
  const api = useApi();
  return useQuery(() => ({
    queryKey: wantedKey(query()),
    queryFn: () => api.client.library.wanted.query(query()),
    placeholderData: keepPreviousData,
  }));
}

/** Episodes airing in a range of days. */
export function useCalendar(range: () => CalendarRange) {
  const api = useApi();
  return useQuery(() => ({
    queryKey: calendarKey(range()),
    queryFn: () => api.client.library.calendar.query(range()),
    placeholderData: keepPreviousData,
  }));
}

/** An episode's hoster links, fetched from the catalogue only when asked for. */
export function useEpisodeSources(episodeId: () => number | null) {
  const api = useApi();
  return useQuery(() => ({
    queryKey: sourcesKey(episodeId() ?? 0),
    queryFn: () => api.client.downloads.sources.query({ episodeId: episodeId() ?? 0 }),
    enabled: episodeId() !== null,
    staleTime: 60_000,
  }));
}

import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal } from "solid-js";
import type { Language } from "../../../shared/languages.ts";
import { useApi } from "./api-context.tsx";
import type { Inputs, Outputs } from "./api-types.ts";
import { errorMessage } from "./error-message.ts";
import { type LibraryParams, PAGE_SIZE, pagesFor } from "./library-view.ts";
import { SERIES_LIST_KEY, seriesGetKey } from "./series-cache.ts";
import { useToasts } from "./toasts.tsx";

export type SeriesListPage = Outputs["series"]["list"];
export type SeriesRow = SeriesListPage["rows"][number];
type ListInput = NonNullable<Inputs["series"]["list"]>;

/** The key of one series.list answer: the shared prefix, then the whole input. */
export const seriesListKey = (input: ListInput) => [...SERIES_LIST_KEY, input] as const;

const inputOf = (p: LibraryParams, page: number): ListInput => ({
  search: p.search.trim(),
  filter: p.filter,
  sort: p.sort,
  order: p.order,
  offset: page * PAGE_SIZE,
  limit: PAGE_SIZE,
});

/**
 * The library as windows of series.list: the view reports which item indexes are on screen (`setRange`),
 * and the pages holding them (plus a margin) are fetched and cached by their input. While new params load,
 * each page shows the previous answer (keepPreviousData), so the grid does not collapse in between.
 */
export function useSeriesWindows(params: () => LibraryParams) {
  const api = useApi();
  const [range, setRange] = createSignal<[number, number]>([0, 0]);
  // The newest answer of any window: total and counts. Kept while other windows load, so scrolling to
  // pages not fetched yet never takes the list (and the scroll position) away.
  const [latest, setLatest] = createSignal<SeriesListPage>();
  const pages = createMemo(() => pagesFor(range()[0], range()[1], latest()?.total ?? 0));
  const results = useQueries(() => ({
    queries: pages().map((page) => {
      const input = inputOf(params(), page);
      return {
        queryKey: seriesListKey(input),
        queryFn: () => api.client.series.list.query(input),
        placeholderData: keepPreviousData,
      };
    }),
  }));
  createEffect(() => {
    const answer = results.find((r) => r.data && !r.isPlaceholderData)?.data;
    if (answer) setLatest(answer);
  });
  const byPage = createMemo(() => {
    const map = new Map<number, SeriesRow[]>();
    pages().forEach((page, i) => {
      const data = results[i]?.data;
      if (data && data.offset === page * PAGE_SIZE) map.set(page, data.rows);
    });
    return map;
  });
  /** The row at an index of the whole filtered list, or undefined while its page loads. */
  const rowAt = (index: number): SeriesRow | undefined =>
    byPage().get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return {
    setRange: (first: number, last: number) => {
      const [a, b] = range();
      if (a !== first || b !== last) setRange([first, last]);
    },
    rowAt,
    total: () => latest()?.total,
    counts: () => latest()?.counts,
    /** The loaded rows of the range on screen (the "select all shown" bulk choice). */
    shownRows: (): SeriesRow[] => {
      const [first, last] = range();
      const out: SeriesRow[] = [];
      for (let i = first; i <= last; i++) {
        const row = rowAt(i);
        if (row) out.push(row);
      }
      return out;
    },
    error: () => results.find((r) => r.isError)?.error,
    loading: () => latest() === undefined,
  };
}

/** Which of these catalogue keys are in the library (the search page marks them). */
export function useSeriesByCatalogKeys(keys: () => string[]) {
  const api = useApi();
  return useQuery(() => {
    const input: ListInput = { catalogKeys: keys(), limit: 500 };
    return {
      queryKey: seriesListKey(input),
      queryFn: () => api.client.series.list.query(input),
      enabled: keys().length > 0,
    };
  });
}

/**
 * The library page's bulk actions; each toasts its outcome and refetches the windows (counts and
 * membership are the server's).
 */
export function useSeriesBulkActions(onDone: () => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const settle = (message: string, ids: readonly number[]) => {
    toasts.push("success", message);
    void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
    for (const id of ids) void queryClient.invalidateQueries({ queryKey: seriesGetKey(id) });
    onDone();
  };
  const failed = (what: string) => (error: unknown) =>
    toasts.push("error", `Could not ${what}: ${errorMessage(error)}`);
  return {
    monitor: useMutation(() => ({
      mutationFn: (v: { ids: number[]; monitored: boolean }) => api.client.series.setMonitoredMany.mutate(v),
      onSuccess: (r, v) =>
        settle(`${v.monitored ? "Monitoring" : "Stopped monitoring"} ${r.updated} series.`, v.ids),
      onError: failed("change monitoring"),
    })),
    languages: useMutation(() => ({
      mutationFn: (v: { ids: number[]; languages: Language[] | null }) =>
        api.client.series.setLanguagesMany.mutate(v),
      onSuccess: (r, v) => settle(`Languages set for ${r.updated} series.`, v.ids),
      onError: failed("set languages"),
    })),
    retryLoading: useMutation(() => ({
      mutationFn: (ids: number[]) => api.client.series.retryLoadingMany.mutate({ ids }),
      // Each series' loading then shows live on its card.
      onSuccess: (r, ids) => settle(`Loading ${r.queued} series again.`, ids),
      onError: failed("load again"),
    })),
    remove: useMutation(() => ({
      mutationFn: (v: { ids: number[]; deleteFiles: boolean }) => api.client.series.removeMany.mutate(v),
      onSuccess: (r, v) => settle(`Removed ${r.removed.length} series.`, v.ids),
      onError: failed("remove"),
    })),
    downloadMissing: useMutation(() => ({
      mutationFn: (ids: number[]) => api.client.downloads.enqueue.mutate({ seriesIds: ids }),
      onSuccess: (r, ids) => {
        // The queue's new items arrive as live events (see useEnqueue).
        const skipped = r.skipped.length ? ` (${r.skipped.length} skipped)` : "";
        settle(`Queued ${r.queued.length} missing episode(s) of ${ids.length} series${skipped}.`, []);
      },
      onError: failed("queue the missing episodes"),
    })),
  };
}

export const organizeKey = (id: number) => ["series.organizePreview", id] as const;

/** What organize would rename, asked only while the dialog is open. */
export function useOrganizePreview(id: () => number, open: () => boolean) {
  const api = useApi();
  return useQuery(() => ({
    queryKey: organizeKey(id()),
    queryFn: () => api.client.series.organizePreview.query({ id: id() }),
    enabled: open() && id() > 0,
    staleTime: 0,
  }));
}

/** Renames folder and files; the series and its preview are read again afterwards. */
export function useOrganize(id: () => number) {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  return useMutation(() => ({
    mutationFn: () => api.client.series.organize.mutate({ id: id() }),
    onSuccess: (r) => {
      toasts.push("success", `Organized: ${r.renamed} file(s) now follow the naming templates.`);
      for (const note of r.notes) toasts.push("info", note);
      void queryClient.invalidateQueries({ queryKey: seriesGetKey(id()) });
      void queryClient.invalidateQueries({ queryKey: organizeKey(id()) });
      void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
    },
    onError: (error) => toasts.push("error", `Could not organize: ${errorMessage(error)}`),
  }));
}

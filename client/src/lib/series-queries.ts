import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { useApi } from "./api-context.tsx";
import { errorMessage } from "./error-message.ts";
import { SERIES_LIST_KEY, seriesGetKey } from "./series-cache.ts";
import { useToasts } from "./toasts.tsx";

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

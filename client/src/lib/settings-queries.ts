import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type { SettingsPatch } from "../../../shared/settings.ts";
import { useApi } from "./api-context.tsx";
import type { Outputs } from "./api-types.ts";

export type SettingsView = Outputs["settings"]["get"];
export type SettingsUpdate = Outputs["settings"]["update"];
export const SETTINGS_KEY = ["settings.get"] as const;

/** settings.get in the cache; updates write their answer straight back into it. */
export function useSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery(() => ({
    queryKey: SETTINGS_KEY,
    queryFn: () => api.client.settings.get.query(),
  }));
  const update = useMutation(() => ({
    mutationFn: (patch: SettingsPatch) => api.client.settings.update.mutate(patch),
    onSuccess: ({ tmdbKeyCheck: _check, ...next }: SettingsUpdate) =>
      queryClient.setQueryData<SettingsView>(SETTINGS_KEY, next),
  }));
  return { query, update };
}

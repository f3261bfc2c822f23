import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type { ConnectionCreate, ConnectionUpdate } from "../../../shared/connections.ts";
import { useApi } from "./api-context.tsx";
import type { Outputs } from "./api-types.ts";

export type ConnectionItem = Outputs["connections"]["list"][number];
export const CONNECTIONS_KEY = ["connections.list"] as const;
export const BACKUPS_KEY = ["backups.list"] as const;

/** connections.list in the cache; every change (and every test, which stores a result) refreshes it. */
export function useConnections() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: CONNECTIONS_KEY });
  const list = useQuery(() => ({
    queryKey: CONNECTIONS_KEY,
    queryFn: () => api.client.connections.list.query(),
    // Deliveries happen in the background: keep their last result current while the page is open.
    refetchInterval: 10_000,
  }));
  const create = useMutation(() => ({
    mutationFn: (input: ConnectionCreate) => api.client.connections.create.mutate(input),
    onSuccess: refresh,
  }));
  const update = useMutation(() => ({
    mutationFn: (input: ConnectionUpdate) => api.client.connections.update.mutate(input),
    onSuccess: refresh,
  }));
  const remove = useMutation(() => ({
    mutationFn: (id: number) => api.client.connections.remove.mutate({ id }),
    onSuccess: refresh,
  }));
  const test = useMutation(() => ({
    mutationFn: (id: number) => api.client.connections.test.mutate({ id }),
    onSettled: refresh,
  }));
  return { list, create, update, remove, test };
}

export function useBackups() {
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useQuery(() => ({ queryKey: BACKUPS_KEY, queryFn: () => api.client.backups.list.query() }));
  const create = useMutation(() => ({
    mutationFn: () => api.client.backups.create.mutate(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: BACKUPS_KEY }),
  }));
  return { list, create };
}

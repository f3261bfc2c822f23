import { useQueryClient } from "@tanstack/solid-query";
import type { Accessor } from "solid-js";
import { createContext, createSignal, onCleanup, type ParentProps, useContext } from "solid-js";
import { type ApiClient, type ConnectionState, createApiClient } from "./trpc.ts";

interface Api {
  client: ApiClient;
  connection: Accessor<ConnectionState>;
}

const ApiContext = createContext<Api>();

/**
 * Owns the tRPC client. When the socket comes back after a drop, every cached query is marked stale so
 * what the user sees catches up (subscriptions resume by themselves from their last event id).
 */
export function ApiProvider(props: ParentProps<{ baseUrl: string }>) {
  const queryClient = useQueryClient();
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const api = createApiClient(props.baseUrl, {
    onConnection: setConnection,
    onReconnected: () => void queryClient.invalidateQueries(),
  });
  onCleanup(() => void api.close());
  return (
    <ApiContext.Provider value={{ client: api.client, connection }}>{props.children}</ApiContext.Provider>
  );
}

/** For tests and previews: provide a ready client and connection state. */
export function ApiContextProvider(props: ParentProps<{ value: Api }>) {
  return <ApiContext.Provider value={props.value}>{props.children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside ApiProvider");
  return api;
}

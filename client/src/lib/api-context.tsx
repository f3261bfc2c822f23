import { useQueryClient } from "@tanstack/solid-query";
import type { Accessor } from "solid-js";
import { createContext, createSignal, onCleanup, type ParentProps, useContext } from "solid-js";
import { type ApiClient, type ConnectionState, createApiClient } from "./trpc.ts";

export interface Api {
  /** Reactive: changes after `restart()`, so effects that subscribe follow the new socket. */
  readonly client: ApiClient;
  connection: Accessor<ConnectionState>;
  /**
   * Reactive: how often the socket came back after a drop. A subscription that must start again from a
   * snapshot (rather than resume from its last event id) subscribes anew when it changes.
   */
  reconnects: Accessor<number>;
  /**
   * Opens a fresh WebSocket. Needed after sign-in and sign-out: the socket is authenticated once, when it
   * connects, with the cookies the browser had then.
   */
  restart(): void;
}

const ApiContext = createContext<Api>();

/**
 * Owns the tRPC client. When the socket comes back after a drop, every cached query is marked stale so
 * what the user sees catches up (subscriptions resume by themselves from their last event id, unless
 * they follow `reconnects`).
 */
export function ApiProvider(props: ParentProps<{ baseUrl: string }>) {
  const queryClient = useQueryClient();
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const [reconnects, setReconnects] = createSignal(0);
  // Only the current socket speaks: a replaced one closing late must not mark the new one as down.
  let generation = 0;
  const open = () => {
    const mine = ++generation;
    return createApiClient(props.baseUrl, {
      onConnection: (state) => {
        if (mine === generation) setConnection(state);
      },
      onReconnected: () => {
        if (mine !== generation) return;
        setReconnects((n) => n + 1);
        void queryClient.invalidateQueries();
      },
    });
  };
  let current = open();
  const [client, setClient] = createSignal(current.client);
  onCleanup(() => void current.close());
  const api: Api = {
    get client() {
      return client();
    },
    connection,
    reconnects,
    restart() {
      const old = current;
      setConnection("connecting");
      current = open();
      void old.close();
      setClient(() => current.client);
    },
  };
  return <ApiContext.Provider value={api}>{props.children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside ApiProvider");
  return api;
}

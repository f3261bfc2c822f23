import type { Accessor } from "solid-js";
import { createContext, createSignal, onCleanup, type ParentProps, useContext } from "solid-js";
import { type ApiClient, type ConnectionState, createApiClient } from "./trpc.ts";

interface Api {
  readonly client: ApiClient;
  connection: Accessor<ConnectionState>;
  /**
   * Opens a fresh WebSocket. Needed after sign-in and sign-out: the socket is authenticated once, when it
   * connects, with the cookies the browser had then.
   */
  restart(): void;
}

const ApiContext = createContext<Api>();

export function ApiProvider(props: ParentProps<{ baseUrl: string }>) {
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  let current = createApiClient(props.baseUrl, setConnection);
  const [client, setClient] = createSignal(current.client);
  onCleanup(() => current.close());
  const api: Api = {
    get client() {
      return client();
    },
    connection,
    restart() {
      current.close();
      current = createApiClient(props.baseUrl, setConnection);
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

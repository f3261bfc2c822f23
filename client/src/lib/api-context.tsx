import type { Accessor } from "solid-js";
import { createContext, createSignal, type ParentProps, useContext } from "solid-js";
import { type ApiClient, type ConnectionState, createApiClient } from "./trpc.ts";

interface Api {
  client: ApiClient;
  connection: Accessor<ConnectionState>;
}

const ApiContext = createContext<Api>();

export function ApiProvider(props: ParentProps<{ baseUrl: string }>) {
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const { client } = createApiClient(props.baseUrl, setConnection);
  return <ApiContext.Provider value={{ client, connection }}>{props.children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside ApiProvider");
  return api;
}

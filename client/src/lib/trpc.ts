import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";

export type ConnectionState = "connecting" | "open" | "closed";

/**
 * One tRPC client for the whole app: subscriptions over a single WebSocket (reconnecting by itself),
 * everything else batched over HTTP. The same origin serves both, so cookies go along.
 */
export function createApiClient(baseUrl: string, onConnection?: (state: ConnectionState) => void) {
  const wsUrl = `${baseUrl.replace(/^http/, "ws")}/trpc`;
  const wsClient = createWSClient({
    url: wsUrl,
    onOpen: () => onConnection?.("open"),
    onClose: () => onConnection?.("closed"),
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${baseUrl}/trpc` }),
      }),
    ],
  });
  return { client, close: () => wsClient.close() };
}

export type ApiClient = ReturnType<typeof createApiClient>["client"];

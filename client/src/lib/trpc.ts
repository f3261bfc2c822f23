import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";

/**
 * "reconnecting" after a drop; "unreachable" once several attempts in a row failed (the client keeps
 * retrying in the background either way).
 */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "unreachable";

/** Consecutive failed attempts after which the indicator says the server cannot be reached. */
export const UNREACHABLE_AFTER = 3;

export interface ConnectionEvents {
  onConnection?: (state: ConnectionState) => void;
  /** Called when the socket opens again after a drop: cached data may be stale. */
  onReconnected?: () => void;
}

/** Turns the socket's open/close callbacks into the indicator's states. */
export function connectionTracker(events: ConnectionEvents) {
  let failures = 0;
  let everOpen = false;
  return {
    opened() {
      const wasDown = everOpen && failures > 0;
      failures = 0;
      everOpen = true;
      events.onConnection?.("open");
      if (wasDown) events.onReconnected?.();
    },
    closed() {
      failures++;
      events.onConnection?.(failures >= UNREACHABLE_AFTER ? "unreachable" : "reconnecting");
    },
  };
}

/**
 * One tRPC client for the whole app: subscriptions over a single WebSocket (reconnecting by itself),
 * everything else batched over HTTP. The same origin serves both, so cookies go along.
 */
export function createApiClient(baseUrl: string, events: ConnectionEvents = {}) {
  const tracker = connectionTracker(events);
  const wsUrl = `${baseUrl.replace(/^http/, "ws")}/trpc`;
  const wsClient = createWSClient({
    url: wsUrl,
    onOpen: () => tracker.opened(),
    onClose: () => tracker.closed(),
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

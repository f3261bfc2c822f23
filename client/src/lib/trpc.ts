import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";

/**
 * "reconnecting" after a drop; after several attempts in a row failed, "unreachable", or "http-only" when
 * the server still answers over HTTP (the socket alone is blocked, e.g. by a proxy without WebSocket
 * upgrades: no live updates, but requests work). The client keeps retrying in the background either way.
 */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "unreachable" | "http-only";

/** Consecutive failed attempts after which the indicator says the server cannot be reached. */
export const UNREACHABLE_AFTER = 3;

export interface ConnectionEvents {
  onConnection?: (state: ConnectionState) => void;
  /** Called when the socket opens again after a drop: cached data may be stale. */
  onReconnected?: () => void;
}

/**
 * Turns the socket's open/close callbacks into the indicator's states. Once the socket is down for good,
 * each failed attempt asks `serverAnswers` whether the server still answers over HTTP; until the first
 * answer of an outage it says "reconnecting", and later attempts keep the last answer shown until theirs
 * arrives (no flicker while a proxy keeps refusing the socket).
 */
export function connectionTracker(events: ConnectionEvents, serverAnswers?: () => Promise<boolean>) {
  let failures = 0;
  let everOpen = false;
  let open = false;
  /** Whether the server answered over HTTP when last asked in this outage; null: not known yet. */
  let httpAnswers: boolean | null = null;
  let shown: ConnectionState | null = null;
  const state = (): ConnectionState => {
    if (open) return "open";
    if (failures < UNREACHABLE_AFTER || httpAnswers === null) return "reconnecting";
    return httpAnswers ? "http-only" : "unreachable";
  };
  const show = () => {
    shown = state();
    events.onConnection?.(shown);
  };
  return {
    opened() {
      const wasDown = everOpen && failures > 0;
      failures = 0;
      everOpen = true;
      open = true;
      httpAnswers = null;
      show();
      if (wasDown) events.onReconnected?.();
    },
    closed() {
      failures++;
      open = false;
      if (failures >= UNREACHABLE_AFTER && !serverAnswers) httpAnswers = false;
      show();
      if (failures < UNREACHABLE_AFTER || !serverAnswers) return;
      const asOf = failures;
      void serverAnswers().then((answered) => {
        // An answer about an attempt that is no longer the latest says nothing about now.
        if (asOf !== failures || open) return;
        httpAnswers = answered;
        if (state() !== shown) show();
      });
    },
  };
}

/**
 * One tRPC client for the whole app: subscriptions over a single WebSocket (reconnecting by itself),
 * everything else batched over HTTP. The same origin serves both, so cookies go along.
 */
export function createApiClient(baseUrl: string, events: ConnectionEvents = {}) {
  const tracker = connectionTracker(events, () =>
    fetch(`${baseUrl}/healthz`, { cache: "no-store" }).then(
      (res) => res.ok,
      () => false,
    ),
  );
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

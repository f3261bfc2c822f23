/**
 * A loopback stand-in for the app's API as the download list uses it, speaking real tRPC over HTTP and a
 * WebSocket (vitest runs on Node, where the Bun server cannot). It behaves like the server where the
 * list's correctness depends on it: `downloads.progress` starts with a snapshot, or replays the log after
 * `lastEventId`; every event carries its log id; a move is refused with CONFLICT or answered with a
 * snapshot. Tests drive it: publish events, hold list answers (each read when it arrived, sent when
 * released), drop items without an event, and drop every socket as a restart does.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { initTRPC, TRPCError, tracked } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import type * as Ws from "ws";
import { type DownloadEvent, type DownloadItem, MoveInputSchema } from "../../../shared/downloads.ts";
import { ResumeInputSchema } from "../../../shared/events.ts";
import { LoadingStatusInputSchema, type LoadingStatusUpdate } from "../../../shared/series-loading.ts";

// By its file: under happy-dom, vitest resolves with the "browser" condition, which names the package's
// stub; happy-dom's own WebSocket gets that stub too and cannot connect.
const require = createRequire(import.meta.url);
const ws = require(join(dirname(require.resolve("ws/package.json")), "index.js")) as typeof Ws;

/** A real WebSocket client with the browser's API, for the page under test to use as `WebSocket`. */
export const BrowserWebSocket = ws.WebSocket;

interface Logged {
  id: number;
  event: DownloadEvent;
}

export function queueItem(id: number, over: Partial<DownloadItem> = {}): DownloadItem {
  return {
    id,
    episodeId: id,
    seriesId: 1,
    seriesTitle: "Frieren",
    season: 1,
    episode: id,
    episodeTitle: null,
    state: "queued",
    position: id,
    language: null,
    hoster: null,
    bytesDone: 0,
    bytesTotal: null,
    speed: 0,
    etaSeconds: null,
    attempts: 0,
    attemptLog: [],
    error: null,
    note: null,
    targetPath: null,
    createdAt: 0,
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}

/**
 * What `listeners` receive, after what `first` yields (read once the listener is attached, so nothing
 * falls between the two), until the subscription stops.
 */
async function* follow<T>(
  listeners: Set<(value: T) => void>,
  signal: AbortSignal | undefined,
  first?: () => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const listener = (value: T) => {
    queue.push(value);
    wake?.();
  };
  const stop = () => wake?.();
  listeners.add(listener);
  signal?.addEventListener("abort", stop);
  try {
    if (first) yield* first();
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next !== undefined) yield next;
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
  } finally {
    listeners.delete(listener);
    signal?.removeEventListener("abort", stop);
  }
}

export async function startQueueApi(initial: DownloadItem[]) {
  let items = structuredClone(initial);
  const log: Logged[] = [];
  const listeners = new Set<(e: Logged) => void>();
  const seriesListeners = new Set<(u: LoadingStatusUpdate) => void>();
  const held: (() => void)[] = [];
  const heldSnapshots: (() => void)[] = [];
  const stats = { listReads: 0, progressSubscriptions: 0 };
  let listsHeld = false;
  let snapshotsHeld = false;
  let refuseMoves = true;

  const publish = (event: DownloadEvent) => {
    const logged = { id: log.length + 1, event: structuredClone(event) };
    log.push(logged);
    for (const listener of listeners) listener(logged);
  };

  const t = initTRPC.create();
  const router = t.router({
    downloads: t.router({
      list: t.procedure.query(async () => {
        stats.listReads++;
        const answer = structuredClone(items);
        if (listsHeld) await new Promise<void>((release) => held.push(release));
        return answer;
      }),
      move: t.procedure.input(MoveInputSchema).mutation(({ input }) => {
        if (refuseMoves)
          throw new TRPCError({ code: "CONFLICT", message: "only waiting downloads can be moved" });
        // The position counts waiting items only, as on the server.
        const waiting = items
          .filter((d) => d.state === "queued" || d.state === "paused")
          .sort((a, b) => a.position - b.position);
        const moving = waiting.find((d) => d.id === input.id);
        const rest = waiting.filter((d) => d.id !== input.id);
        if (moving) rest.splice(input.position, 0, moving);
        const positions = new Map(rest.map((d, i) => [d.id, i + 1]));
        items = items.map((d) => ({ ...d, position: positions.get(d.id) ?? d.position }));
        publish({ type: "snapshot", items });
      }),
      progress: t.procedure.input(ResumeInputSchema).subscription(async function* ({ input, signal }) {
        stats.progressSubscriptions++;
        const after = input?.lastEventId;
        const events = follow(listeners, signal, async function* () {
          if (after) {
            yield* log.filter((l) => l.id > Number(after));
            return;
          }
          const snapshot: Logged = { id: log.length, event: { type: "snapshot", items } };
          if (snapshotsHeld) await new Promise<void>((release) => heldSnapshots.push(release));
          yield snapshot;
        });
        for await (const e of events) yield tracked(String(e.id), e.event);
      }),
    }),
    series: t.router({
      loadingStatus: t.procedure.input(LoadingStatusInputSchema).subscription(async function* ({ signal }) {
        let n = 0;
        for await (const update of follow(seriesListeners, signal)) yield tracked(String(++n), update);
      }),
    }),
    settings: t.router({
      changes: t.procedure.subscription(({ signal }) => follow<never>(new Set(), signal)),
    }),
  });

  const handler = createHTTPHandler({ router, basePath: "/trpc/" });
  const http = createServer((req, res) => {
    // The page under test lives on another origin (happy-dom's).
    res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
    res.setHeader("access-control-allow-headers", "content-type, trpc-accept");
    res.setHeader("access-control-allow-methods", "GET, POST");
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    handler(req, res);
  });
  const wss = new ws.WebSocketServer({ server: http });
  applyWSSHandler({ wss, router });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    items: () => items,
    /** Changes an item and publishes it, as the queue does on every state change. */
    update(id: number, over: Partial<DownloadItem>) {
      items = items.map((d) => (d.id === id ? { ...d, ...over } : d));
      const item = items.find((d) => d.id === id);
      if (item) publish({ type: "item", item });
    },
    /** Deletes an item with no download event (a removed series' downloads go this way). */
    dropQuietly(id: number) {
      items = items.filter((d) => d.id !== id);
    },
    /** Removes a series: its downloads go with it (a cascade, no download event); its status says "removed". */
    removeSeries(seriesId: number) {
      items = items.filter((d) => d.seriesId !== seriesId);
      const progress = { episodes: true, nfo: true, logo: true, images: true };
      const update = { seriesId, status: "removed", progress, message: null, timestamp: Date.now() } as const;
      for (const listener of seriesListeners) listener(update);
    },
    holdListAnswers(on: boolean) {
      listsHeld = on;
    },
    releaseListAnswers() {
      for (const release of held.splice(0)) release();
    },
    holdSnapshots(on: boolean) {
      snapshotsHeld = on;
    },
    releaseSnapshots() {
      for (const release of heldSnapshots.splice(0)) release();
    },
    acceptMoves() {
      refuseMoves = false;
    },
    /** Every socket drops, as when the server restarts; clients reconnect by themselves. */
    dropSockets() {
      for (const client of wss.clients) client.terminate();
    },
    async close() {
      this.releaseListAnswers();
      this.releaseSnapshots();
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      http.close();
    },
  };
}

export type QueueApi = Awaited<ReturnType<typeof startQueueApi>>;

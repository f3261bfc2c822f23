/**
 * tRPC over WebSocket on Bun, on the same port and path as HTTP: Hono's `upgradeWebSocket` accepts the
 * upgrade, and tRPC's own connection handler (written for the `ws` package) runs the protocol through a
 * small socket shim. All of the WebSocket wiring lives in this file.
 */
import { EventEmitter } from "node:events";
import { getWSConnectionHandler } from "@trpc/server/adapters/ws";
import type { Context as HonoContext } from "hono";
import { upgradeWebSocket } from "hono/bun";
import type { WSContext } from "hono/ws";
import type { AppRouter } from "../routers/app-router.ts";
import type { Context, RequestInfo } from "../trpc/context.ts";
import type { SocketRegistry, TrackedSocket } from "./socket-registry.ts";

export type CreateContext = (request: RequestInfo) => Promise<Context>;

interface UpgradeFacts {
  headers: Headers;
  url: URL;
  ip: string;
}

/** The subset of the `ws` WebSocket that tRPC's handler uses, backed by Hono's WSContext. */
class SocketShim extends EventEmitter implements TrackedSocket {
  principal: Context["principal"] = null;
  constructor(private readonly ws: WSContext) {
    super();
  }
  get readyState(): number {
    return this.ws.readyState;
  }
  send(data: string): void {
    if (this.ws.readyState === 1) this.ws.send(data);
  }
  close(code?: number, reason?: string): void {
    if (this.ws.readyState <= 1) this.ws.close(code, reason);
  }
}

/** A request-shaped object for tRPC (it reads url and headers), carrying the original facts along. */
interface FakeIncoming {
  url: string;
  headers: Record<string, string>;
  socket: object;
  aniworld: UpgradeFacts;
}

export function createTrpcWebSocketRoute(options: {
  router: AppRouter;
  createContext: CreateContext;
  registry: SocketRegistry;
  onError: (error: unknown, path: string | undefined) => void;
}) {
  type HandlerOptions = Parameters<typeof getWSConnectionHandler<AppRouter>>[0];
  const handleConnection = getWSConnectionHandler<AppRouter>({
    router: options.router,
    // Only applyWSSHandler uses the `ws` server; the per-connection handler never touches it.
    wss: undefined as unknown as HandlerOptions["wss"],
    // Bun pings WebSocket clients itself; tRPC's keep-alive would need the `ws` ping API.
    keepAlive: { enabled: false },
    onError: ({ error, path }) => options.onError(error, path),
    createContext: async ({ req, res, info }) => {
      const facts = (req as unknown as FakeIncoming).aniworld;
      const ctx = await options.createContext({
        transport: "ws",
        headers: facts.headers,
        url: facts.url,
        ip: facts.ip,
        connectionParams: toStringRecord(info.connectionParams),
        resHeaders: null,
      });
      (res as unknown as SocketShim).principal = ctx.principal;
      return ctx;
    },
  });

  return upgradeWebSocket((c: HonoContext) => {
    const facts: UpgradeFacts = {
      headers: new Headers(c.req.raw.headers),
      url: new URL(c.req.url),
      ip: c.get("clientIp") ?? "",
    };
    let shim: SocketShim | null = null;
    return {
      onOpen(_evt, ws) {
        shim = new SocketShim(ws);
        options.registry.add(shim);
        const req: FakeIncoming = {
          url: `${facts.url.pathname}${facts.url.search}`,
          headers: Object.fromEntries(facts.headers.entries()),
          socket: {},
          aniworld: facts,
        };
        type Args = Parameters<typeof handleConnection>;
        handleConnection(shim as unknown as Args[0], req as unknown as Args[1]);
      },
      onMessage(evt) {
        const data = evt.data;
        if (typeof data === "string") shim?.emit("message", Buffer.from(data), false);
        else if (data instanceof ArrayBuffer) shim?.emit("message", Buffer.from(data), true);
      },
      onClose() {
        if (!shim) return;
        options.registry.delete(shim);
        shim.emit("close");
      },
      onError(evt) {
        shim?.emit("error", evt);
      },
    };
  });
}

function toStringRecord(params: unknown): Record<string, string> | null {
  if (!params || typeof params !== "object") return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === "string") out[k] = v;
  return out;
}

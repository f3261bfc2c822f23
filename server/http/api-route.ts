/**
 * The API's routes at /trpc: tRPC over HTTP and the WebSocket upgrade, with every router and its input
 * schemas. app.ts imports this module on the first /trpc request, so a start evaluates none of it before the
 * server answers.
 */
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.ts";
import { appRouter } from "../routers/app-router.ts";
import { httpRequestInfo } from "../trpc/context.ts";
import { isUnloggedInternal } from "../trpc/trpc.ts";
import type { AppEnv } from "./app.ts";
import type { SocketRegistry } from "./socket-registry.ts";
import { type CreateContext, createTrpcWebSocketRoute } from "./trpc-ws.ts";

export interface ApiRoute {
  /** `/trpc/*`: a call over HTTP, or a WebSocket upgrade. */
  call: MiddlewareHandler<AppEnv>;
  /** `/trpc`: the WebSocket upgrade. */
  socket: MiddlewareHandler<AppEnv>;
}

export function createApiRoute(options: {
  createContext: CreateContext;
  sockets: SocketRegistry;
  logger: Logger;
}): ApiRoute {
  const { createContext, logger } = options;
  const wsRoute = createTrpcWebSocketRoute({
    router: appRouter,
    createContext,
    registry: options.sockets,
    onError: (error, path) => logTrpcError(logger, error, path),
  });
  return {
    call(c, next) {
      if (c.req.header("upgrade")?.toLowerCase() === "websocket") return wsRoute(c, next);
      return fetchRequestHandler({
        endpoint: "/trpc",
        req: c.req.raw,
        router: appRouter,
        onError: ({ error, path }) => logTrpcError(logger, error, path),
        createContext: ({ req, resHeaders }) =>
          createContext(httpRequestInfo(req, c.get("clientIp"), resHeaders)),
      });
    },
    socket: (c, next) => wsRoute(c, next),
  };
}

/**
 * An internal error is logged once, with its stack: the procedure middleware logs the ones it masks; this
 * logs the rest (failures inside subscriptions, context creation). Client errors (no credentials, bad
 * input) are not the server's: debug level only, so nobody can flood the log with refused calls.
 */
function logTrpcError(logger: Logger, error: unknown, path: string | undefined): void {
  if (!(error instanceof TRPCError)) return;
  if (isUnloggedInternal(error)) logger.error("procedure failed", { path, error: error.cause ?? error });
  else if (error.code !== "INTERNAL_SERVER_ERROR") logger.debug("call refused", { path, code: error.code });
}

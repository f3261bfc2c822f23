import type { Hono } from "hono";
import { websocket } from "hono/bun";
import type { Logger } from "../logger.ts";
import type { AppEnv } from "./app.ts";
import type { SocketRegistry } from "./socket-registry.ts";

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, closes WebSockets, waits for in-flight requests up to `deadlineMs`. */
  stop(deadlineMs?: number): Promise<void>;
}

export function listen(options: {
  app: Hono<AppEnv>;
  host: string;
  port: number;
  sockets: SocketRegistry;
  logger: Logger;
}): RunningServer {
  const server = Bun.serve({
    hostname: options.host,
    port: options.port,
    // Never Bun's development error pages: they would show stack traces to clients.
    development: false,
    // WebSockets are pinged by Bun; plain requests get a generous idle limit for slow clients.
    idleTimeout: 60,
    // Bun's own 413 would carry none of our headers: body-limit.ts refuses large bodies itself, before
    // reading them, so Bun's limit is set where no request reaches it.
    maxRequestBodySize: Number.MAX_SAFE_INTEGER,
    fetch: (req, srv) => options.app.fetch(req, { server: srv }),
    websocket,
  });
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${host}:${server.port}`;
  return {
    url,
    port: server.port ?? options.port,
    async stop(deadlineMs = 2500) {
      const closed = options.sockets.closeWhere(1001, "server shutting down");
      const graceful = server.stop(false);
      const timedOut = await Promise.race([
        graceful.then(() => false),
        Bun.sleep(deadlineMs).then(() => true),
      ]);
      if (timedOut) {
        options.logger.warn("in-flight requests did not finish before the deadline; closing them", {
          deadlineMs,
        });
        await server.stop(true);
      }
      options.logger.info("http server stopped", { websocketsClosed: closed });
    },
  };
}

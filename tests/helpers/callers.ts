import { appRouter } from "../../server/routers/app-router.ts";
import type { Principal } from "../../server/trpc/context.ts";
import type { Services } from "../../server/trpc/services.ts";
import { createCallerFactory } from "../../server/trpc/trpc.ts";

const createCaller = createCallerFactory(appRouter);

/** The admin the first setup creates: user 1. */
export const ADMIN: Principal = { userId: 1, username: "admin", via: "session" };

/**
 * The router called in-process (no HTTP, no socket) as `principal` (null = anonymous). Subscriptions are
 * served on the WebSocket only, so the default transport stands in for a socket.
 */
export function callerFor(services: Services, principal: Principal | null, transport: "http" | "ws" = "ws") {
  return createCaller({
    services,
    principal,
    request: {
      transport,
      headers: new Headers(),
      ip: "127.0.0.1",
      url: new URL("http://127.0.0.1/trpc"),
      connectionParams: null,
      resHeaders: transport === "http" ? new Headers() : null,
    },
  });
}

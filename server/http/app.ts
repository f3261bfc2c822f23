import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getConnInfo } from "hono/bun";
// The quick preset (linear router): no regular expression to compile on the first request, which the start
// pays for; matching a dozen routes linearly costs no more than the compiled matcher.
import { Hono } from "hono/quick";
import { CATALOG_COVER_ROUTE } from "../../shared/artwork.ts";
import type { Logger } from "../logger.ts";
import { appRouter } from "../routers/app-router.ts";
import { healthOf } from "../system/system-router.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import { makeCreateContext } from "../trpc/create-context.ts";
import type { Services } from "../trpc/services.ts";
import { isUnloggedInternal } from "../trpc/trpc.ts";
import { artworkRoute } from "./artwork-route.ts";
import { bodyLimit } from "./body-limit.ts";
import { calendarFeedRoute } from "./calendar-feed-route.ts";
import { catalogCoverRoute } from "./catalog-cover-route.ts";
import { clientIp } from "./client-ip.ts";
import { hostCheck } from "./host-check.ts";
import { jsonOnly } from "./json-only.ts";
import { noStore } from "./no-store.ts";
import { originCheck } from "./origin-check.ts";
import { requestLog } from "./request-log.ts";
import { securityHeaders } from "./security-headers.ts";
import type { SocketRegistry } from "./socket-registry.ts";
import { type SpaSource, serveApiDeclaration, serveSpa } from "./spa.ts";
import { createTrpcWebSocketRoute } from "./trpc-ws.ts";

export type AppEnv = { Variables: { clientIp: string } };

export interface AppOptions {
  services: Services;
  spa: SpaSource;
  sockets: SocketRegistry;
  authenticate: Authenticate;
}

/** The HTTP surface on one port: /healthz, tRPC over HTTP and WebSocket at /trpc, and the SPA. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { services } = options;
  const logger = services.logger;
  const createContext = makeCreateContext(services, options.authenticate);
  const app = new Hono<AppEnv>();

  // What each layer costs a request, CPU µs (bun run bench -- --only add, "stack_*" figures): Hono's
  // routing ~1, client IP ~1, request log ~2, security headers ~1–2, origin check ~1, context + API-key
  // check ~1–5 (verified keys are cached), the tRPC fetch adapter itself ~19 of the ~30 in all. A bare
  // Bun.serve answer costs ~2; the socket and HTTP parsing below all of them ~20–25.
  app.use(async (c, next) => {
    c.set(
      "clientIp",
      clientIp(c.req.raw.headers, services.config.trustProxy, () => getConnInfo(c).remote.address),
    );
    await next();
  });
  app.use(requestLog(logger));
  app.use(securityHeaders());
  const host = hostCheck(services.config);
  if (host) app.use(host);
  app.use(originCheck(services.config));
  app.use(bodyLimit());
  app.use("/trpc/*", noStore(), jsonOnly());

  app.get("/healthz", (c) => c.json(healthOf(services.startedAt)));

  const wsRoute = createTrpcWebSocketRoute({
    router: appRouter,
    createContext,
    registry: options.sockets,
    onError: (error, path) => logTrpcError(logger, error, path),
  });

  app.all("/trpc/*", (c, next) => {
    if (c.req.header("upgrade")?.toLowerCase() === "websocket") return wsRoute(c, next);
    return fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      onError: ({ error, path }) => logTrpcError(logger, error, path),
      createContext: ({ req, resHeaders }) =>
        createContext({
          transport: "http",
          headers: req.headers,
          url: new URL(req.url),
          ip: c.get("clientIp"),
          connectionParams: null,
          resHeaders,
        }),
    });
  });
  app.get("/trpc", (c, next) => wsRoute(c, next));

  app.get(
    "/artwork/series/:id/:name",
    artworkRoute({ artwork: services.artwork, authenticate: options.authenticate }),
  );
  app.get(
    CATALOG_COVER_ROUTE,
    catalogCoverRoute({ covers: services.catalog.covers, authenticate: options.authenticate }),
  );
  app.all("/artwork/*", (c) => c.json({ error: "not found" }, 404));
  app.get(
    "/feed/calendar.ics",
    calendarFeedRoute({ apiKeys: services.apiKeys, activity: services.activity }),
  );
  app.get("/api/aniworld-api.d.ts", () => serveApiDeclaration(options.spa));
  app.all("/api/*", (c) => c.json({ error: "not found" }, 404));
  app.get("*", (c) => serveSpa(options.spa, c.req.path));
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    logger.error("unhandled request error", { path: c.req.path, error });
    return c.json({ error: "internal error" }, 500);
  });
  return app;
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

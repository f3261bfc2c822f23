import { getConnInfo } from "hono/bun";
// The quick preset (linear router): no regular expression to compile on the first request, which the start
// pays for; matching a dozen routes linearly costs no more than the compiled matcher.
import { Hono } from "hono/quick";
import { CATALOG_COVER_ROUTE } from "../../shared/artwork.ts";
import { healthOf } from "../system/health.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import { makeCreateContext } from "../trpc/create-context.ts";
import type { Services } from "../trpc/services.ts";
import type { ApiRoute } from "./api-route.ts";
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

  // The API (tRPC, every router and its input schemas) is imported on the first /trpc request: the server
  // listens and answers /healthz without evaluating it. A failed import is logged and answered 500 like
  // any route error, and tried again on the next request.
  let api: Promise<ApiRoute> | null = null;
  const apiRoute = () => {
    api ??= import("./api-route.ts").then(
      (m) => m.createApiRoute({ createContext, sockets: options.sockets, logger }),
      (error: unknown) => {
        api = null;
        throw error;
      },
    );
    return api;
  };
  app.all("/trpc/*", async (c, next) => (await apiRoute()).call(c, next));
  app.get("/trpc", async (c, next) => (await apiRoute()).socket(c, next));

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

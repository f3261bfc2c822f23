/**
 * What each layer of the HTTP stack costs, in µs of CPU per request, measured in this process with
 * `app.fetch(Request)` (no sockets, so nothing but the layer's own work is counted). The real middleware and
 * the real application (its database, auth and tRPC router) are used; each figure is one app with that layer
 * added to a bare Hono route, minus the bare route. Diagnostic figures for the add group.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono } from "hono/quick";
import { createAuthModule } from "../../../server/auth/auth-module.ts";
import { systemClock } from "../../../server/auth/clock.ts";
import { resolveConfig } from "../../../server/cli/args.ts";
import { startApplication } from "../../../server/composition.ts";
import { createApp } from "../../../server/http/app.ts";
import { originCheck } from "../../../server/http/origin-check.ts";
import { requestLog } from "../../../server/http/request-log.ts";
import { securityHeaders } from "../../../server/http/security-headers.ts";
import { SocketRegistry } from "../../../server/http/socket-registry.ts";
import { directorySpa } from "../../../server/http/spa.ts";
import { createLogger, RecentLines } from "../../../server/logger.ts";
import { appRouter } from "../../../server/routers/app-router.ts";
import { makeCreateContext } from "../../../server/trpc/create-context.ts";
import type { Metric } from "../metric.ts";
import { round } from "../metric.ts";
import { trpcPost } from "./bench-app.ts";
import { mainThreadCpuMs } from "./child-process.ts";

const N = 20_000;
const fakeServer = { requestIP: () => ({ address: "127.0.0.1", family: "IPv4", port: 40000 }) };

type Fetch = (req: Request) => Response | Promise<Response>;

/**
 * Main-thread CPU µs per request over N sequential requests, after a warm-up; the best of three rounds.
 * (The main thread only: the loader worker's own work for an add is off the request's path.)
 */
async function cost(fetch: Fetch, make: () => Request, n = N): Promise<number> {
  for (let i = 0; i < 1_000; i++) await (await fetch(make())).arrayBuffer();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t = await mainThreadCpuMs(process.pid);
    for (let i = 0; i < n; i++) {
      const res = await fetch(make());
      if (res.status !== 200) throw new Error(`answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
    best = Math.min(best, (((await mainThreadCpuMs(process.pid)) - t) * 1000) / n);
  }
  return best;
}

export async function middlewareCosts(): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-mw-"));
  // As in production: JSON lines (here discarded after formatting) and the recent-lines ring.
  const logger = createLogger({ level: "info", json: true, recent: new RecentLines(300), write: () => {} });
  // The command line's own resolution (defaults for every key): new settings need no edit here.
  const config = resolveConfig(new Map(), {
    ANIWORLD_HOST: "127.0.0.1",
    ANIWORLD_PORT: "0",
    ANIWORLD_DATA_DIR: join(dir, "data"),
    ANIWORLD_LIBRARY: join(dir, "library"),
    ANIWORLD_LOG_LEVEL: "info",
    ANIWORLD_CATALOG_URL: "http://127.0.0.1:9",
    ANIWORLD_TMDB_URL: "http://127.0.0.1:9/3",
    ANIWORLD_TMDB_IMAGE_URL: "http://127.0.0.1:9/t/p",
  });
  const app = await startApplication({ config, spa: directorySpa(join(dir, "spa")), logger });
  await app.ready;
  try {
    const setup = app.services.auth.prepareSetup();
    if (!setup) throw new Error("no setup token");
    await app.services.auth.setup(setup.token, "bench", `bench-${crypto.randomUUID()}`, "127.0.0.1");
    const user = app.services.db.sqlite.query<{ id: number }, []>("SELECT id FROM users").get();
    if (!user) throw new Error("no user");
    const key = app.services.apiKeys.create(user.id, "bench").key;
    const auth = createAuthModule({ db: app.services.db.db, clock: systemClock, config, logger });
    const url = "http://127.0.0.1:1/trpc/system.ping";
    const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
    // Content-Length as a real client sends it (the body limit reads bodies without one itself).
    const make = () =>
      new Request(url, { method: "POST", headers: { ...headers, "content-length": "2" }, body: "{}" });
    const env = { server: fakeServer };
    let added = 0;
    const addUrl = "http://127.0.0.1:1/trpc/series.add";
    const makeAdd = () => {
      const body = JSON.stringify({ catalogKey: `aniworld:cost-${added++}` });
      return new Request(addUrl, {
        method: "POST",
        headers: { ...headers, "content-length": String(body.length) },
        body,
      });
    };
    const answer = { result: { data: { ok: true } } };

    const honoWith = (...layers: ReturnType<typeof requestLog>[]): Fetch => {
      const h = new Hono();
      for (const layer of layers) h.use(layer);
      h.post("/trpc/system.ping", (c) => c.json(answer));
      return (req) => h.fetch(req, env);
    };
    const createContext = makeCreateContext(app.services, auth.authenticate);
    const trpc = (authenticated: boolean): Fetch => {
      const h = new Hono();
      h.all("/trpc/*", (c) =>
        fetchRequestHandler({
          endpoint: "/trpc",
          req: c.req.raw,
          router: appRouter,
          createContext: async ({ req, resHeaders }) => {
            const request = {
              transport: "http" as const,
              headers: req.headers,
              url: new URL(req.url),
              ip: "127.0.0.1",
              connectionParams: null,
              resHeaders,
            };
            return authenticated
              ? createContext(request)
              : {
                  services: app.services,
                  request,
                  principal: { userId: user.id, username: "bench", via: "apiKey" as const },
                };
          },
        }),
      );
      return (req) => h.fetch(req, env);
    };
    const full = createApp({
      services: app.services,
      spa: directorySpa(join(dir, "spa")),
      sockets: new SocketRegistry(),
      authenticate: auth.authenticate,
    });
    // Sanity: the real app answers the ping over real HTTP too.
    await trpcPost(app.server.url, "system.ping", {}, headers);

    const bareFetch: Fetch = () => Response.json(answer);
    const base = await cost(honoWith(), make);
    const figures: [string, number][] = [
      ["bare_fetch_handler", await cost(bareFetch, make)],
      ["hono_route", base],
      ["request_log", (await cost(honoWith(requestLog(logger)), make)) - base],
      ["security_headers", (await cost(honoWith(securityHeaders()), make)) - base],
      ["origin_check", (await cost(honoWith(originCheck(config)), make)) - base],
      ["trpc_without_auth", (await cost(trpc(false), make)) - base],
      ["trpc_with_api_key", (await cost(trpc(true), make)) - base],
      ["whole_app", await cost((req) => full.fetch(req, env), make)],
      // Sequential adds: each pays a group commit of its own (under concurrent load they share one).
      ["whole_app_series_add", await cost((req) => full.fetch(req, env), makeAdd, 5_000)],
    ];
    auth.stop();
    return figures.map(([name, us]) => ({ metric: `stack_${name}_us`, value: round(us, 1), unit: "µs" }));
  } finally {
    await app.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTRPCClient, createWSClient, httpBatchLink, wsLink } from "@trpc/client";
import { resolveConfig } from "../../server/cli/args.ts";
import { type Application, type StartOptions, startApplication } from "../../server/composition.ts";
import type { Config } from "../../server/config.ts";
import { directorySpa } from "../../server/http/spa.ts";
import { createLogger } from "../../server/logger.ts";
import type { AppRouter } from "../../server/routers/app-router.ts";
import { tempDir } from "./temp-dir.ts";

export interface TestServer {
  app: Application;
  url: string;
  dir: string;
  config: Config;
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real application on a random loopback port with a temporary data dir and library (real SQLite file).
 * `env` takes ANIWORLD_* overrides, exactly as the command line reads them; `options.clock` replaces the
 * time source of expiry and throttling. Authed calls: see tests/helpers/sign-in.ts.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: Pick<StartOptions, "clock" | "connections" | "healthIntervalMs" | "backups"> = {},
): Promise<TestServer> {
  const tmp = tempDir();
  const spaDir = join(tmp.path, "spa");
  mkdirSync(join(spaDir, "assets"), { recursive: true });
  writeFileSync(
    join(spaDir, "index.html"),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(spaDir, "assets", "app.js"), "console.log('spa')");
  const config = resolveConfig(new Map(), {
    ANIWORLD_PORT: "0",
    ANIWORLD_DATA_DIR: join(tmp.path, "data"),
    ANIWORLD_LIBRARY: join(tmp.path, "library"),
    ANIWORLD_LOG_LEVEL: "debug",
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", json: true, write: (l) => logs.push(l) });
  const app = await startApplication({
    config,
    spa: directorySpa(spaDir),
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.connections ? { connections: options.connections } : {}),
    ...(options.healthIntervalMs === undefined ? {} : { healthIntervalMs: options.healthIntervalMs }),
    ...(options.backups ? { backups: options.backups } : {}),
  });
  await app.ready;
  return {
    app,
    url: app.server.url,
    dir: tmp.path,
    config,
    logs,
    async close() {
      await app.shutdown();
      tmp.cleanup();
    },
  };
}

/** A typed tRPC client over HTTP only. */
export function httpClient(url: string, headers: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers })] });
}

/** A typed tRPC client over a real WebSocket (subscriptions, queries and mutations all on the socket). */
export function wsClient(url: string, connectionParams?: Record<string, string>) {
  const ws = createWSClient({
    url: `${url.replace(/^http/, "ws")}/trpc`,
    ...(connectionParams ? { connectionParams } : {}),
    retryDelayMs: () => 50,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  return { client, close: () => ws.close(), ws };
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs` with `what` in the message. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await predicate()) return;
    await Bun.sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

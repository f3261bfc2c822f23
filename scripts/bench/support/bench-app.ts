import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../../server/cli/args.ts";
import { type Application, startApplication } from "../../../server/composition.ts";
import { createApp } from "../../../server/http/app.ts";
import { listen, type RunningServer } from "../../../server/http/server.ts";
import { SocketRegistry } from "../../../server/http/socket-registry.ts";
import { directorySpa } from "../../../server/http/spa.ts";
import { createLogger } from "../../../server/logger.ts";
import type { Principal } from "../../../server/trpc/context.ts";

const BENCH_PRINCIPAL: Principal = { userId: 1, username: "bench", via: "apiKey" };

export interface BenchApp {
  app: Application;
  /** Base URL of a second listener on the same services whose callers are the bench principal. */
  url: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * The real application in this process (real SQLite, real loader worker), plus — for the bench only — a
 * second loopback listener over the same services that treats every caller as one bench user. Production
 * authentication is untouched: this listener exists only inside `bun run bench`.
 */
export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-"));
  const spaDir = join(dir, "spa");
  mkdirSync(spaDir, { recursive: true });
  writeFileSync(join(spaDir, "index.html"), "<!doctype html>");
  const config = resolveConfig(new Map(), {
    ANIWORLD_PORT: "0",
    ANIWORLD_DATA_DIR: join(dir, "data"),
    ANIWORLD_LIBRARY: join(dir, "library"),
    ANIWORLD_LOG_LEVEL: "error",
    // Never the internet: a closed loopback port unless a group passes its stand-ins.
    ANIWORLD_CATALOG_URL: "http://127.0.0.1:9",
    ANIWORLD_TMDB_URL: "http://127.0.0.1:9/3",
    ANIWORLD_TMDB_IMAGE_URL: "http://127.0.0.1:9/t/p",
    ...env,
  });
  const logger = createLogger({ level: "error", json: true, write: () => {} });
  const app = await startApplication({ config, spa: directorySpa(spaDir), logger });
  const sockets = new SocketRegistry();
  const benchHttp = createApp({
    services: app.services,
    spa: directorySpa(spaDir),
    sockets,
    authenticate: async () => BENCH_PRINCIPAL,
  });
  const server: RunningServer = listen({ app: benchHttp, host: "127.0.0.1", port: 0, sockets, logger });
  return {
    app,
    url: server.url,
    dir,
    async close() {
      await server.stop(500);
      await app.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `total` requests over `clients` concurrent loops; returns each request's latency in ms. */
export async function concurrentLatencies(
  clients: number,
  total: number,
  request: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await request(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

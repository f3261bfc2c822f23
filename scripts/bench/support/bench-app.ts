import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Child, rssMbOf, rssSplitMbOf, spawnChild } from "./child-process.ts";

const ROOT = join(import.meta.dir, "..", "..", "..");
export const BINARY = join(ROOT, "dist", "aniworld");

export interface BenchApp {
  /** Base URL of the app process. */
  url: string;
  pid: number;
  /** `authorization: Bearer <api key>` (created through the real setup flow) plus JSON content type. */
  headers: Record<string, string>;
  apiKey: string;
  dir: string;
  /** The app's database file (the bench reads it for progress and seeds it; the app owns it). */
  dbPath: string;
  /** What was started (source or binary), for the report. */
  command: string;
  rssMb(): Promise<number>;
  /** RSS split into anonymous and file-backed memory, with the thread count. */
  rssSplitMb(): ReturnType<typeof rssSplitMbOf>;
  /** POSTs a tRPC mutation; throws on a non-200 answer; returns `result.data`. */
  mutate<T = unknown>(path: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface BenchAppOptions {
  env?: Record<string, string>;
  /** Run dist/aniworld instead of `bun server/main.ts` (the memory group measures the binary). */
  binary?: boolean;
}

/**
 * The real application as its own process — `bun server/main.ts`, or dist/aniworld — with a temporary data
 * dir and library, at the production log level (its request log goes to a drained pipe). Authentication
 * is the real thing: the setup token from its JSON log, auth.setup, then an API key used as a Bearer token.
 */
export async function startBenchApp(options: BenchAppOptions = {}): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-bench-"));
  if (options.binary && !existsSync(BINARY)) throw new Error("dist/aniworld is missing: run `bun run build`");
  // BENCH_CPU_PROF=<dir>: the app (from source) writes a CPU profile there on exit (`bun --cpu-prof`).
  const prof = process.env.BENCH_CPU_PROF;
  const bun = prof ? [process.execPath, "--cpu-prof", `--cpu-prof-dir=${prof}`] : [process.execPath];
  const cmd = options.binary ? [BINARY] : [...bun, join(ROOT, "server", "main.ts")];
  const child = spawnChild(cmd, {
    ANIWORLD_HOST: "127.0.0.1",
    ANIWORLD_PORT: "0",
    ANIWORLD_DATA_DIR: join(dir, "data"),
    ANIWORLD_LIBRARY: join(dir, "library"),
    ANIWORLD_LOG_LEVEL: "info",
    // Never the internet: a closed loopback port unless a group passes its stand-ins.
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
    ANIWORLD_CATALOG_URL: "http://127.0.0.1:9",
    ANIWORLD_TMDB_URL: "http://127.0.0.1:9/3",
    ANIWORLD_TMDB_IMAGE_URL: "http://127.0.0.1:9/t/p",
    ...options.env,
  });
  try {
    const started = child.waitFor((r) => (r.msg === "aniworld started" ? String(r.url) : undefined));
    const token = child.waitFor((r) => (typeof r.setupToken === "string" ? r.setupToken : undefined));
    const url = await started;
    const apiKey = await signInWithKey(url, await token);
    const headers = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
    return {
      url,
      pid: child.pid,
      headers,
      apiKey,
      dir,
      dbPath: join(dir, "data", "aniworld.db"),
      command: options.binary ? "dist/aniworld" : "bun server/main.ts",
      rssMb: () => rssMbOf(child.pid),
      rssSplitMb: () => rssSplitMbOf(child.pid),
      mutate: (path, input) => trpcPost(url, path, input, headers),
      async close() {
        await closeApp(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await child.stop(1_000);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function closeApp(child: Child): Promise<void> {
  const code = await child.stop(5_000);
  if (code !== 0) console.error(`# app exited with ${code}: ${child.stderrTail().slice(-500)}`);
}

/** The setup flow of tests/helpers/sign-in.ts: admin with a random password, session cookie, API key. */
async function signInWithKey(url: string, token: string): Promise<string> {
  const json = { "content-type": "application/json" };
  const password = `bench-${crypto.randomUUID()}`;
  const res = await fetch(`${url}/trpc/auth.setup`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ token, username: "bench", password }),
  });
  if (res.status !== 200) throw new Error(`auth.setup answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((h) => h.split(";")[0] ?? "")
    .find((pair) => /^(__Host-)?aniworld_session=./.test(pair));
  if (!cookie) throw new Error("auth.setup set no session cookie");
  const created = await trpcPost<{ key: string }>(
    url,
    "auth.apiKeys.create",
    { name: "bench" },
    {
      ...json,
      cookie,
    },
  );
  return created.key;
}

export async function trpcPost<T = unknown>(
  url: string,
  path: string,
  input: unknown,
  headers: Record<string, string>,
): Promise<T> {
  const res = await fetch(`${url}/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/** A read-only view of the app's database for progress polling (its own connection, never the app's). */
export function openReadOnly(dbPath: string): Database {
  const db = new Database(dbPath, { readonly: true });
  db.run("PRAGMA busy_timeout = 5000");
  return db;
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

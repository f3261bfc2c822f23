/**
 * The real application for DOM tests: vitest runs on Node, where the Bun server cannot, so the app runs as
 * its own process (`bun server/main.ts`) on a random loopback port with a temporary data dir and library,
 * beside the catalogue and hoster stand-ins (another Bun process). Signed in through the real setup flow;
 * tests reach it with the API key (see holding-proxy.ts) and drive it through its own API.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");
const BUN = join(ROOT, "node_modules", ".bin", "bun");

interface Started {
  child: ChildProcess;
  /** Resolves with the first stdout line (parsed JSON) that `pick` maps to a value. */
  waitFor<T>(pick: (record: Record<string, unknown>) => T | undefined): Promise<T>;
}

function startBun(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(BUN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
  // A test run that ends without its afterAll (a crash, an interrupt) leaves no process behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const records: Record<string, unknown>[] = [];
  const waiters = new Set<(record: Record<string, unknown>) => void>();
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  if (!child.stdout) throw new Error("no stdout pipe");
  createInterface({ input: child.stdout }).on("line", (line) => {
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      records.push(record);
      for (const waiter of waiters) waiter(record);
    } catch {
      // Not a JSON log line: left to stderr's tail for the error below.
    }
  });
  return {
    child,
    waitFor: (pick) =>
      new Promise((resolve, reject) => {
        const check = (record: Record<string, unknown>) => {
          const value = pick(record);
          if (value === undefined) return;
          waiters.delete(check);
          resolve(value);
        };
        for (const record of records) check(record);
        waiters.add(check);
        child.once("exit", (code) => reject(new Error(`bun ${args[0]} exited (${code}):\n${stderr}`)));
      }),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

interface Answer {
  status: number;
  cookies: string[];
  text: string;
}

/** One HTTP exchange with Node's own client (under happy-dom, the global fetch is the page's, with CORS). */
function exchange(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, async (res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString();
      resolve({ status: res.statusCode ?? 0, cookies: res.headers["set-cookie"] ?? [], text });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function trpc<T>(url: string, path: string, input: unknown, headers: Record<string, string>) {
  const json = { "content-type": "application/json", ...headers };
  const res = await exchange(`${url}/trpc/${path}`, "POST", json, JSON.stringify(input));
  return { cookies: res.cookies, data: resultOf<T>(path, res) };
}

function resultOf<T>(path: string, res: Answer): T {
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return (JSON.parse(res.text) as { result: { data: T } }).result.data;
}

/** The admin created through auth.setup (token from the log), then an API key made with its session. */
async function createApiKey(url: string, token: string): Promise<string> {
  const setup = await trpc(
    url,
    "auth.setup",
    { token, username: "admin", password: crypto.randomUUID() },
    {},
  );
  const cookie = setup.cookies
    .map((h) => h.split(";")[0] ?? "")
    .find((pair) => /^(__Host-)?aniworld_session=./.test(pair));
  if (!cookie) throw new Error("auth.setup set no session cookie");
  const created = await trpc<{ key: string }>(url, "auth.apiKeys.create", { name: "dom-tests" }, { cookie });
  return created.data.key;
}

function appEnv(dir: string, catalogUrl: string): Record<string, string> {
  return {
    ANIWORLD_HOST: "127.0.0.1",
    ANIWORLD_PORT: "0",
    ANIWORLD_DATA_DIR: join(dir, "data"),
    ANIWORLD_LIBRARY: join(dir, "library"),
    ANIWORLD_LOG_LEVEL: "info",
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
    ANIWORLD_CATALOG_URL: catalogUrl,
    // No TMDB here: a closed loopback port (artwork steps fail; episodes load from the catalogue).
    ANIWORLD_TMDB_URL: "http://127.0.0.1:9/3",
    ANIWORLD_TMDB_IMAGE_URL: "http://127.0.0.1:9/t/p",
  };
}

async function launchApp(env: Record<string, string>) {
  const app = startBun(["server/main.ts"], env);
  const url = await app.waitFor((r) => (r.msg === "aniworld started" ? String(r.url) : undefined));
  return { app, url };
}

export async function startRealApp() {
  const dir = mkdtempSync(join(tmpdir(), "aniworld-dom-"));
  const standIns = startBun(["tests/client/helpers/real-app/stand-ins-main.ts"]);
  let current: Awaited<ReturnType<typeof launchApp>> | undefined;
  let env: Record<string, string>;
  let slugs: string[];
  let apiKey: string;
  try {
    const started = await standIns.waitFor((r) =>
      typeof r.catalogUrl === "string" ? { catalogUrl: r.catalogUrl, slugs: r.slugs as string[] } : undefined,
    );
    slugs = started.slugs;
    env = appEnv(dir, started.catalogUrl);
    current = await launchApp(env);
    const app = current.app;
    const token = await app.waitFor((r) => (typeof r.setupToken === "string" ? r.setupToken : undefined));
    apiKey = await createApiKey(current.url, token);
  } catch (error) {
    await Promise.all([current && stop(current.app.child), stop(standIns.child)]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let running = current;
  const auth = { authorization: `Bearer ${apiKey}` };

  return {
    get url() {
      return running.url;
    },
    apiKey,
    slugs,
    mutate: async <T = unknown>(path: string, input: unknown = {}) =>
      (await trpc<T>(running.url, path, input, auth)).data,
    async query<T = unknown>(path: string, input?: unknown): Promise<T> {
      const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return resultOf<T>(path, await exchange(`${running.url}/trpc/${path}${query}`, "GET", auth));
    },
    /** Stops the app, runs `meanwhile` on its stopped database, and starts it again on the same folders. */
    async restart(meanwhile: (dbPath: string) => void = () => {}) {
      await stop(running.app.child);
      meanwhile(join(dir, "data", "aniworld.db"));
      running = await launchApp(env);
    },
    async close() {
      await Promise.all([stop(running.app.child), stop(standIns.child)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RealApp = Awaited<ReturnType<typeof startRealApp>>;

/** Runs SQL on a stopped app's database with Bun's SQLite (Node 20 has none): another program's change. */
export function runSql(dbPath: string, sql: string): void {
  const script = `const { Database } = require("bun:sqlite"); new Database(process.argv[1]).run(process.argv[2]);`;
  const out = spawnSync(BUN, ["-e", script, dbPath, sql], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`sql failed: ${out.stderr}`);
}

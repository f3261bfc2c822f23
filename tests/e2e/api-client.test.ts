import { afterAll, beforeAll, expect, test } from "bun:test";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sessionCookieFrom } from "../helpers/sign-in.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { type AppProcess, startApp, type TempDirs, tempDirs } from "./harness/app-process.ts";
import { ensureBuilt, ROOT } from "./harness/build.ts";

/**
 * The script of docs/api-client.md, in a folder that has nothing but @trpc/client (and its peer
 * @trpc/server) installed and the declaration file the executable serves: it must type-check, a wrong
 * call must not, and it must run against the built executable with an API key.
 */
let dirs: TempDirs;
let app: AppProcess;
const folder = tempDir("aniworld-script-");

beforeAll(async () => {
  await ensureBuilt();
  dirs = tempDirs();
  app = await startApp(dirs);
}, 600_000);
afterAll(async () => {
  await app?.stop();
  dirs?.cleanup();
  folder.cleanup();
});

async function post(path: string, input: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
}

/** The admin through the real setup flow, then an API key for the script. */
async function createApiKey(): Promise<string> {
  const token = await app.setupToken();
  const setup = await post("auth.setup", {
    token,
    username: "admin",
    password: `e2e-${crypto.randomUUID()}`,
  });
  const cookie = sessionCookieFrom(setup);
  if (!cookie) throw new Error(`auth.setup failed: ${setup.status} ${await setup.text()}`);
  const res = await post("auth.apiKeys.create", { name: "script" }, { cookie });
  const key = ((await res.json()) as { result?: { data?: { key?: string } } }).result?.data?.key;
  if (!key) throw new Error("no API key");
  return key;
}

function docScript(): string {
  const doc = readFileSync(join(ROOT, "docs", "api-client.md"), "utf8");
  const block = /## 2\. The script[\s\S]*?```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error("docs/api-client.md has no script block");
  return block;
}

function tsc(dir: string, file: string) {
  const r = Bun.spawnSync(
    [
      process.execPath,
      join(ROOT, "node_modules", "typescript", "bin", "tsc"),
      "--noEmit",
      "--strict",
      "--module",
      "esnext",
      "--moduleResolution",
      "bundler",
      "--target",
      "es2022",
      "--lib",
      "es2022,esnext.disposable,dom",
      file,
    ],
    { cwd: dir, stdout: "pipe", stderr: "pipe" },
  );
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
}

test("the documented script type-checks and runs against the executable from a folder outside the repository", async () => {
  const dir = folder.path;
  for (const pkg of ["@trpc/client", "@trpc/server"]) {
    mkdirSync(join(dir, "node_modules", pkg), { recursive: true });
    cpSync(join(ROOT, "node_modules", pkg), join(dir, "node_modules", pkg), { recursive: true });
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  const res = await fetch(`${app.url}/api/aniworld-api.d.ts`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const declaration = await res.text();
  expect(declaration).toBe(readFileSync(join(ROOT, "dist", "aniworld-api.d.ts"), "utf8"));
  // Self-contained: the one import is @trpc/server's types.
  expect(declaration.match(/^(?:import|export|\}) .*from "[^"]+";$/gm)).toEqual(['} from "@trpc/server";']);
  writeFileSync(join(dir, "aniworld-api.d.ts"), declaration);

  const apiKey = await createApiKey();
  const script = docScript()
    .replace('"http://127.0.0.1:8000"', JSON.stringify(app.url))
    .replace('"paste-your-api-key-here"', JSON.stringify(apiKey));
  writeFileSync(join(dir, "script.ts"), script);
  const checked = tsc(dir, "script.ts");
  expect(checked.out).toBe("");
  expect(checked.code).toBe(0);

  // The types are real: a wrong input and an unknown procedure are errors.
  writeFileSync(
    join(dir, "wrong.ts"),
    `${script}\nawait aniworld.system.ticks.subscribe({ intervalMs: "fast" }, {});\nawait aniworld.series.nope.query();\n`,
  );
  const wrong = tsc(dir, "wrong.ts");
  expect(wrong.code).not.toBe(0);
  expect(wrong.out).toContain("intervalMs");
  expect(wrong.out).toContain("nope");

  const run = Bun.spawn([process.execPath, "script.ts"], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(run.stdout).text(),
    new Response(run.stderr).text(),
    run.exited,
  ]);
  expect({ code, err }).toEqual({ code: 0, err: "" });
  expect(out).toMatch(/^Aniworld \d+\.\d+\.\d+, library at /m);
  expect(out).toContain("0 downloads in the queue, 0 failed");
  expect(out).toMatch(/backed up the database to aniworld-\d{8}-\d{9}\.db/);
  expect(out).toContain("heartbeat 0\nheartbeat 1\nheartbeat 2");
});

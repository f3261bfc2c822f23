/**
 * Smoke test of the compiled executable (run by .ci/run after `bun run build`): starts dist/aniworld in an
 * empty temp dir on a free port and checks /healthz, the SPA, first-start setup (token from the JSON log),
 * tRPC over HTTP and an authenticated WebSocket subscription, error hygiene, and that SIGTERM exits 0
 * within 3 s. Prints "smoke: N passed, N failed".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import { messageOf } from "../server/lib/error-message.ts";
import type { AppRouter } from "../server/routers/app-router.ts";

const binary = resolve(process.argv[2] ?? join(import.meta.dir, "..", "dist", "aniworld"));
const dir = mkdtempSync(join(tmpdir(), "aniworld-smoke-"));
let passed = 0;
let failed = 0;
async function check(name: string, fn: () => Promise<void>) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${messageOf(error)}`);
  }
}
function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const proc = Bun.spawn([binary, "--port", "0", "--data-dir", join(dir, "data")], {
  cwd: dir,
  stdout: "pipe",
  stderr: "inherit",
});
let log = "";
const reader = proc.stdout.getReader();
const decoder = new TextDecoder();
let url: string | undefined;
let setupToken: string | undefined;
const deadline = Date.now() + 10_000;
while (!(url && setupToken) && Date.now() < deadline) {
  const { value, done } = await reader.read();
  if (done) break;
  log += decoder.decode(value);
  url = /"url":"(http:\/\/[^"]+)"/.exec(log)?.[1];
  setupToken = /"setupToken":"([a-z2-7]+)"/.exec(log)?.[1];
}
let cookie = "";
let apiKey = "";
void (async () => {
  for (let r = await reader.read(); !r.done; r = await reader.read()) log += decoder.decode(r.value);
})();

await check("the executable starts in an empty directory", async () =>
  assert(url, `no start line in log:\n${log}`),
);
if (url) {
  await check("/healthz answers 200 with the version", async () => {
    const res = await fetch(`${url}/healthz`);
    assert(res.status === 200, `status ${res.status}`);
    const body = (await res.json()) as { version?: string };
    assert(typeof body.version === "string", "no version");
  });
  await check("/ serves the embedded SPA", async () => {
    const res = await fetch(`${url}/`);
    const html = await res.text();
    assert(res.status === 200 && html.includes('id="root"'), `status ${res.status}`);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert(script, "no script tag");
    assert((await fetch(`${url}${script}`)).status === 200, "asset missing");
  });
  await check("/api/aniworld-api.d.ts serves the API's declaration file", async () => {
    const res = await fetch(`${url}/api/aniworld-api.d.ts`);
    const text = await res.text();
    assert(res.status === 200 && text.includes("export type AppRouter"), `status ${res.status}`);
  });
  await check("tRPC over HTTP: system.health", async () => {
    const res = await fetch(`${url}/trpc/system.health`);
    const body = (await res.json()) as { result?: { data?: { status?: string } } };
    assert(body.result?.data?.status === "ok", JSON.stringify(body));
  });
  await check("first start logs a setup token; auth.setup creates the admin and signs in", async () => {
    assert(setupToken, `no setup token in log:\n${log}`);
    const setup = await fetch(`${url}/trpc/auth.setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: setupToken,
        username: "smoke",
        password: `smoke-${crypto.randomUUID()}`,
      }),
    });
    assert(setup.status === 200, `auth.setup: ${setup.status} ${await setup.text()}`);
    cookie = setup.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    assert(cookie.startsWith("aniworld_session="), `no session cookie: ${cookie}`);
    const created = await fetch(`${url}/trpc/auth.apiKeys.create`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "smoke" }),
    });
    const body = (await created.json()) as { result?: { data?: { key?: string } } };
    apiKey = body.result?.data?.key ?? "";
    assert(apiKey.startsWith("aw_"), JSON.stringify(body));
    const anonymous = await fetch(`${url}/trpc/system.info`);
    assert(anonymous.status === 401, `system.info without credentials: ${anonymous.status}`);
    const authed = await fetch(`${url}/trpc/system.info`, { headers: { authorization: `Bearer ${apiKey}` } });
    assert(authed.status === 200, `system.info with an API key: ${authed.status}`);
  });
  await check("security headers and the Origin check are in place", async () => {
    const res = await fetch(`${url}/`);
    assert(res.headers.get("content-security-policy")?.includes("frame-ancestors 'none'"), "no CSP");
    const foreign = await fetch(`${url}/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
    });
    assert(foreign.status === 403, `foreign origin: ${foreign.status}`);
  });
  await check("errors carry a message and no stack trace", async () => {
    const res = await fetch(`${url}/trpc/no.such.procedure`);
    const text = await res.text();
    assert(res.status === 404, `status ${res.status}`);
    assert(text.includes("no.such.procedure") && !text.includes("stack") && !/\.ts:\d+/.test(text), text);
    // A query with a bad input (subscriptions are served over WebSocket only).
    const bad = await fetch(`${url}/trpc/library.parse?input=${encodeURIComponent('{"name":5}')}`, {
      headers: { cookie },
    });
    const badText = await bad.text();
    assert(badText.includes("BAD_REQUEST") && !badText.includes("stack"), badText);
  });
  await check("a subscription over WebSocket delivers several messages", async () => {
    const ws = createWSClient({ url: `${url.replace("http", "ws")}/trpc`, connectionParams: { apiKey } });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
    const got: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${got.length} messages`)), 5000);
      client.system.ticks.subscribe(
        { intervalMs: 20, count: 3 },
        {
          onData: (t) => got.push(t.n),
          onError: reject,
          onComplete: () => {
            clearTimeout(timer);
            resolve();
          },
        },
      );
    });
    ws.close();
    assert(got.join(",") === "0,1,2", `got ${got.join(",")}`);
  });
  await check("SIGTERM exits 0 within 3 s", async () => {
    const started = Date.now();
    proc.kill("SIGTERM");
    const code = await Promise.race([proc.exited, Bun.sleep(3000).then(() => "timeout")]);
    assert(code === 0, `exit ${code} after ${Date.now() - started} ms`);
  });
}
proc.kill("SIGKILL");
rmSync(dir, { recursive: true, force: true });
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTRPCUntypedClient, createWSClient, TRPCClientError, wsLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { appRouter } from "../../../server/routers/app-router.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

/** The only procedures anyone may call without credentials. */
const PUBLIC = ["auth.login", "auth.setup", "auth.status", "system.health"];

type ProcedureType = "query" | "mutation" | "subscription";
/** Every procedure of the router, read from the router itself so new ones are covered automatically. */
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>,
)
  .map(([path, p]) => ({ path, type: p._def.type }))
  .sort((a, b) => a.path.localeCompare(b.path));
const guarded = procedures.filter((p) => !PUBLIC.includes(p.path));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // An admin exists, so "no account yet" cannot be the reason for a refusal.
  await signIn(server);
});
afterAll(() => server.close());

/** The tRPC error code of an HTTP call without credentials (or with the given bad ones). */
async function httpCode(path: string, type: ProcedureType, headers: Record<string, string> = {}) {
  const res =
    type === "mutation"
      ? await fetch(`${server.url}/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: "{}",
        })
      : await fetch(`${server.url}/trpc/${path}`, { headers });
  const text = await res.text();
  expect(text).not.toMatch(/\.ts:\d+|stack/);
  type ErrorShape = { data?: { code?: string; httpStatus?: number } };
  if (type === "subscription") {
    // Subscriptions over HTTP are event streams: the refusal arrives as a "serialized-error" event.
    const data = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
    const error = data ? (JSON.parse(data) as ErrorShape) : undefined;
    return { status: error?.data?.httpStatus ?? res.status, code: error?.data?.code ?? "OK" };
  }
  const body = JSON.parse(text) as { error?: ErrorShape };
  return { status: res.status, code: body.error?.data?.code ?? "OK" };
}

async function wsCode(
  client: ReturnType<typeof createTRPCUntypedClient<AnyRouter>>,
  path: string,
  type: ProcedureType,
): Promise<string> {
  const settle = (e: unknown) =>
    e instanceof TRPCClientError ? String(e.data?.code) : `not a tRPC error: ${e}`;
  if (type === "query") return client.query(path, undefined).then(() => "OK", settle);
  if (type === "mutation") return client.mutation(path, undefined).then(() => "OK", settle);
  return new Promise((resolve) => {
    const sub = client.subscription(path, undefined, {
      onData: () => {
        sub.unsubscribe();
        resolve("OK");
      },
      onError: (e) => resolve(settle(e)),
    });
  });
}

describe("every procedure but the four public ones needs credentials", () => {
  test("the walk sees the whole router, including the public four", () => {
    expect(procedures.length).toBeGreaterThan(PUBLIC.length);
    for (const path of PUBLIC) expect(procedures.map((p) => p.path)).toContain(path);
  });

  test("over HTTP without credentials: UNAUTHORIZED (401) for each guarded procedure", async () => {
    const answers: Record<string, string> = {};
    for (const p of guarded) {
      const { status, code } = await httpCode(p.path, p.type);
      answers[p.path] = `${code} ${status}`;
    }
    expect(answers).toEqual(Object.fromEntries(guarded.map((p) => [p.path, "UNAUTHORIZED 401"])));
  });

  test("over HTTP with a wrong API key or a forged cookie: UNAUTHORIZED too", async () => {
    const forged: Record<string, string>[] = [
      { authorization: "Bearer aw_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
      { authorization: "Bearer " },
      { authorization: "Basic YWRtaW46YWRtaW4=" },
      { cookie: "aniworld_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
      { cookie: `aniworld_session=${"x".repeat(5000)}` },
      { cookie: "__Host-aniworld_session=../../etc/passwd; aniworld_session=" },
    ];
    for (const headers of forged)
      for (const p of guarded) expect((await httpCode(p.path, p.type, headers)).code).toBe("UNAUTHORIZED");
  });

  test("the public procedures do not ask for credentials", async () => {
    for (const p of procedures.filter((x) => PUBLIC.includes(x.path)))
      expect((await httpCode(p.path, p.type)).code).not.toBe("UNAUTHORIZED");
  });

  test("over WebSocket without credentials: UNAUTHORIZED for each guarded procedure", async () => {
    const ws = createWSClient({ url: `${server.url.replace(/^http/, "ws")}/trpc` });
    const client = createTRPCUntypedClient<AnyRouter>({ links: [wsLink({ client: ws })] });
    const answers: Record<string, string> = {};
    for (const p of guarded) answers[p.path] = await wsCode(client, p.path, p.type);
    ws.close();
    expect(answers).toEqual(Object.fromEntries(guarded.map((p) => [p.path, "UNAUTHORIZED"])));
  });

  test("over WebSocket with a wrong API key in connectionParams: UNAUTHORIZED", async () => {
    const ws = createWSClient({
      url: `${server.url.replace(/^http/, "ws")}/trpc`,
      connectionParams: { apiKey: "aw_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" },
    });
    const client = createTRPCUntypedClient<AnyRouter>({ links: [wsLink({ client: ws })] });
    for (const p of guarded) expect(await wsCode(client, p.path, p.type)).toBe("UNAUTHORIZED");
    ws.close();
  });
});

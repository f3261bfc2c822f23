import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer, wsClient } from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
beforeAll(async () => {
  server = await startTestServer();
  creds = await signIn(server);
});
afterAll(async () => {
  await server.close();
});

describe("HTTP surface on one port", () => {
  test("/healthz answers 200 with version and uptime and nothing secret", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe("ok");
    expect(typeof body.version).toBe("string");
    expect(typeof body.uptimeSeconds).toBe("number");
    expect(JSON.stringify(body)).not.toContain(server.dir);
  });

  test("system.health works over HTTP tRPC", async () => {
    const health = await httpClient(server.url).system.health.query();
    expect(health.status).toBe("ok");
  });

  test("the SPA index is served at / and for client-side routes; missing assets are 404", async () => {
    for (const path of ["/", "/library", "/series/12"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain('<div id="root">');
    }
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).not.toBe(500);
  });

  test("unknown API paths answer 404", async () => {
    const trpc = await fetch(`${server.url}/trpc/nothing.here`);
    expect(trpc.status).toBe(404);
    const body = (await trpc.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe("NOT_FOUND");
    expect(body.error.message).toContain("nothing.here");
    expect((await fetch(`${server.url}/api/v1/series`)).status).toBe(404);
  });

  test("malformed input is a clear BAD_REQUEST without a stack trace", async () => {
    const input = encodeURIComponent(JSON.stringify({ id: "first" }));
    const res = await fetch(`${server.url}/trpc/series.get?input=${input}`, {
      headers: creds.cookieHeaders,
    });
    const text = await res.text();
    expect(text).toContain("BAD_REQUEST");
    expect(text).toContain("id");
    expect(text).not.toContain("stack");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  test("garbage JSON input is refused with a message, not a crash", async () => {
    const res = await fetch(`${server.url}/trpc/series.get?input=%7Bnot-json`, {
      headers: creds.cookieHeaders,
    });
    const text = await res.text();
    expect(text).toMatch(/PARSE_ERROR|BAD_REQUEST/);
    expect(text).not.toContain("stack");
  });

  test("procedures other than the public ones need credentials", async () => {
    const err = await httpClient(server.url)
      .system.info.query()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  });

  test("requests are logged one line each with method, path, status and duration", async () => {
    await fetch(`${server.url}/healthz`);
    const line = server.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((r) => r.msg === "request" && r.path === "/healthz");
    expect(line).toMatchObject({ method: "GET", status: 200 });
    expect(typeof line?.ms).toBe("number");
  });
});

describe("tRPC over WebSocket on the same port", () => {
  test("a subscription receives several messages in order", async () => {
    const { client, close } = wsClient(server.url, { apiKey: creds.apiKey });
    const got: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const sub = client.system.ticks.subscribe(
        { intervalMs: 10, count: 5 },
        {
          onData: (t) => got.push(t.n),
          onError: reject,
          onComplete: () => {
            sub.unsubscribe();
            resolve();
          },
        },
      );
    });
    close();
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  test("queries work over the socket too, and errors arrive as tRPC errors", async () => {
    const { client, close } = wsClient(server.url);
    expect((await client.system.health.query()).status).toBe("ok");
    const err = await client.system.info.query().catch((e: unknown) => e);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    close();
  });
});

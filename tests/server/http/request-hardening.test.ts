import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { postMutation, signIn } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    ANIWORLD_TRUST_PROXY: "true",
    ANIWORLD_ALLOWED_ORIGINS: "https://media.example.org",
  });
});
afterAll(() => server.close());

const MiB = 1024 * 1024;

/** A body that sends `chunks` MiB and then stays open: only a server that answers before reading it all replies. */
function endlessBody(chunks: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent < chunks) {
        sent++;
        controller.enqueue(new Uint8Array(MiB).fill(0x20));
      }
      // After that: never more data, never the end.
    },
  });
}

describe("request bodies", () => {
  test("a declared 200 MiB body is refused with our 413 (security headers on it) before it is read", async () => {
    const res = await fetch(`${server.url}/trpc/auth.setup`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(200 * MiB) },
      body: endlessBody(2),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({ error: `request body too large (at most ${MiB} bytes)` });
  });

  test("a chunked body is cut off as soon as it passes 1 MiB", async () => {
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: endlessBody(3),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  test("a small chunked JSON body still reaches the procedure", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ username: "nobody", password: "x".repeat(20) }));
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(json.slice(0, 10));
          controller.enqueue(json.slice(10));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(401);
  });

  test("mutations refuse multipart/form-data and other non-JSON bodies with 415", async () => {
    const form = new FormData();
    form.set("username", "admin");
    form.set("password", "whatever password");
    const multipart = await fetch(`${server.url}/trpc/auth.login`, { method: "POST", body: form });
    expect(multipart.status).toBe(415);
    for (const type of ["text/plain", "application/octet-stream", "application/x-www-form-urlencoded"]) {
      const res = await fetch(`${server.url}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": type },
        body: JSON.stringify({ username: "admin", password: "whatever password" }),
      });
      expect(res.status).toBe(415);
    }
  });
});

describe("answers and addresses", () => {
  test("API answers carry Cache-Control: no-store, authenticated ones included", async () => {
    const creds = await signIn(server);
    const authed = await fetch(`${server.url}/trpc/auth.apiKeys.list`, { headers: creds.cookieHeaders });
    expect(authed.status).toBe(200);
    expect(authed.headers.get("cache-control")).toBe("no-store");
    const status = await fetch(`${server.url}/trpc/auth.status`, { headers: creds.apiKeyHeaders });
    expect(status.headers.get("cache-control")).toBe("no-store");
  });

  test("a Host that is not ours is refused on a loopback-bound server (DNS rebinding); loopback names work", async () => {
    const port = new URL(server.url).port;
    const evil = await fetch(`${server.url}/trpc/auth.status`, {
      headers: { host: `rebind.example:${port}` },
    });
    expect(evil.status).toBe(403);
    const page = await fetch(`${server.url}/`, { headers: { host: "attacker.test" } });
    expect(page.status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, "127.0.0.1", `[::1]:${port}`]) {
      const ok = await fetch(`${server.url}/trpc/auth.status`, { headers: { host } });
      expect(ok.status).toBe(200);
    }
  });

  test("behind --trust-proxy the throttle counts the address the proxy added, not the client's first entry", async () => {
    const { username } = await signIn(server);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await postMutation(
        server,
        "auth.login",
        { username, password: `wrong guess ${i}` },
        // The client makes up the first entry each time; the proxy appends the peer it saw.
        { "x-forwarded-for": `10.9.8.${i}, 203.0.113.77` },
      );
      codes.push(res.status);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

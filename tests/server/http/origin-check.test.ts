import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openRawSocket } from "../../helpers/raw-socket.ts";
import { type Credentials, postMutation, startSignedInServer } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
beforeAll(async () => {
  ({ server, creds } = await startSignedInServer({ ANIWORLD_ALLOWED_ORIGINS: "https://admin.example.org" }));
});
afterAll(() => server.close());

const create = (origin?: string) =>
  postMutation(
    server,
    "auth.apiKeys.create",
    { name: `from ${origin ?? "no origin"}` },
    { ...creds.cookieHeaders, ...(origin ? { origin } : {}) },
  );

/** A WebSocket handshake by hand, so the test controls the Origin header exactly as a browser would send it. */
function upgrade(origin?: string) {
  return fetch(`${server.url}/trpc`, {
    headers: {
      connection: "Upgrade",
      upgrade: "websocket",
      "sec-websocket-version": "13",
      "sec-websocket-key": btoa("0123456789abcdef"),
      ...creds.cookieHeaders,
      ...(origin ? { origin } : {}),
    },
  });
}

describe("Origin checks (CSRF and cross-site WebSocket hijacking)", () => {
  test("a mutation from a foreign origin is refused with 403 and does nothing", async () => {
    const before = (
      server.app.services.db.sqlite.query("SELECT count(*) AS n FROM api_keys").get() as { n: number }
    ).n;
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1.evil.example", "not a url"]) {
      const res = await create(origin);
      expect(res.status).toBe(403);
    }
    const after = (
      server.app.services.db.sqlite.query("SELECT count(*) AS n FROM api_keys").get() as { n: number }
    ).n;
    expect(after).toBe(before);
  });

  test("the app's own origin, a configured origin and no Origin (scripts) are accepted", async () => {
    expect((await create(server.url)).status).toBe(200);
    expect((await create("https://admin.example.org")).status).toBe(200);
    expect((await create()).status).toBe(200);
  });

  test("a foreign WebSocket upgrade is refused with 403; the own origin upgrades", async () => {
    expect((await upgrade("https://evil.example")).status).toBe(403);
    expect((await upgrade(server.url)).status).toBe(101);
  });

  test("a real WebSocket from a foreign origin never opens", async () => {
    const ws = openRawSocket(server.url, { origin: "https://evil.example", ...creds.cookieHeaders });
    const outcome = await new Promise<string>((resolve) => {
      ws.addEventListener("open", () => resolve("open"));
      ws.addEventListener("error", () => resolve("error"));
      ws.addEventListener("close", () => resolve("closed"));
    });
    expect(outcome).not.toBe("open");
  });

  test("behind a trusted proxy the forwarded scheme and host make the own origin", async () => {
    const proxied = await startTestServer({ ANIWORLD_TRUST_PROXY: "true" });
    try {
      const headers = { "x-forwarded-proto": "https", "x-forwarded-host": "anime.example.net" };
      const ok = await postMutation(
        proxied,
        "auth.login",
        { username: "a", password: "b" },
        {
          ...headers,
          origin: "https://anime.example.net",
        },
      );
      expect(ok.status).not.toBe(403);
      const bad = await postMutation(
        proxied,
        "auth.login",
        { username: "a", password: "b" },
        {
          ...headers,
          origin: proxied.url,
        },
      );
      expect(bad.status).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

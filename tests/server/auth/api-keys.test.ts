import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { hashToken } from "../../../server/auth/tokens.ts";
import { type Credentials, startSignedInServer } from "../../helpers/sign-in.ts";
import { httpClient, type TestServer, wsClient } from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
beforeAll(async () => {
  ({ server, creds } = await startSignedInServer());
});
afterAll(() => server.close());

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

describe("API keys", () => {
  test("create shows the key once; the list and the database hold only a hash and a prefix", async () => {
    const admin = httpClient(server.url, creds.cookieHeaders);
    const created = await admin.auth.apiKeys.create.mutate({ name: "  backup script " });
    expect(created.key).toMatch(/^aw_[a-z2-7]{32}$/);
    expect(created.name).toBe("backup script");
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const list = await admin.auth.apiKeys.list.query();
    expect(list.find((k) => k.id === created.id)).toEqual({
      id: created.id,
      name: "backup script",
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(created.key);
    const rows = server.app.services.db.sqlite.query("SELECT * FROM api_keys").all();
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(JSON.stringify(rows)).toContain(hashToken(created.key));
  });

  test("a key works over HTTP (Bearer) and WebSocket (connectionParams), records its last use, and stops when revoked", async () => {
    const admin = httpClient(server.url, creds.cookieHeaders);
    const { key, id } = await admin.auth.apiKeys.create.mutate({ name: "script" });

    const script = httpClient(server.url, { authorization: `Bearer ${key}` });
    expect((await script.system.info.query()).version).toBeString();
    const used = (await admin.auth.apiKeys.list.query()).find((k) => k.id === id);
    expect(used?.lastUsedAt).toBeNumber();

    const socket = wsClient(server.url, { apiKey: key });
    const twoTicks = Promise.withResolvers<void>();
    const ended = Promise.withResolvers<unknown>();
    let ticks = 0;
    socket.client.system.ticks.subscribe(
      { intervalMs: 20 },
      {
        onData: () => {
          if (++ticks === 2) twoTicks.resolve();
        },
        onError: (e) => ended.resolve(e),
        onStopped: () => ended.resolve("stopped"),
      },
    );
    await twoTicks.promise;
    expect((await socket.client.system.info.query()).version).toBeString();

    await admin.auth.apiKeys.revoke.mutate({ id });
    // The server closes the socket; the client reconnects with the revoked key and the stream is refused.
    expect(codeOf(await ended.promise)).toBe("UNAUTHORIZED");
    expect(codeOf(await script.system.info.query().catch((e: unknown) => e))).toBe("UNAUTHORIZED");
    expect(codeOf(await socket.client.system.info.query().catch((e: unknown) => e))).toBe("UNAUTHORIZED");
    socket.close();
    expect((await admin.auth.apiKeys.list.query()).some((k) => k.id === id)).toBe(false);
  });

  test("connectionParams.token works like apiKey", async () => {
    const admin = httpClient(server.url, creds.cookieHeaders);
    const { key } = await admin.auth.apiKeys.create.mutate({ name: "token param" });
    const socket = wsClient(server.url, { token: key });
    expect((await socket.client.auth.status.query()).user?.username).toBe(creds.username);
    socket.close();
  });

  test("revoking an unknown key is NOT_FOUND; names are validated", async () => {
    const admin = httpClient(server.url, creds.cookieHeaders);
    expect(codeOf(await admin.auth.apiKeys.revoke.mutate({ id: 999_999 }).catch((e: unknown) => e))).toBe(
      "NOT_FOUND",
    );
    for (const name of ["", "   ", "x".repeat(101)])
      expect(codeOf(await admin.auth.apiKeys.create.mutate({ name }).catch((e: unknown) => e))).toBe(
        "BAD_REQUEST",
      );
  });

  test("an API key cannot sign out the browser session or be used as a cookie", async () => {
    const script = httpClient(server.url, creds.apiKeyHeaders);
    await script.auth.logout.mutate();
    expect((await httpClient(server.url, creds.cookieHeaders).auth.status.query()).user).not.toBeNull();
    const asCookie = httpClient(server.url, { cookie: `aniworld_session=${creds.apiKey}` });
    expect((await asCookie.auth.status.query()).user).toBeNull();
  });
});

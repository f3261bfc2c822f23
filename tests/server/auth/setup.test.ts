import { afterEach, describe, expect, test } from "bun:test";
import { SETUP_TOKEN_LIFETIME_MS } from "../../../server/auth/setup-token-service.ts";
import { startApplication } from "../../../server/composition.ts";
import { directorySpa } from "../../../server/http/spa.ts";
import { createLogger } from "../../../server/logger.ts";
import { postMutation, sessionCookieFrom, setupTokenFromLogs } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function start(options: Parameters<typeof startTestServer>[1] = {}) {
  const server = await startTestServer({}, options);
  servers.push(server);
  return server;
}

async function errorOf(res: Response): Promise<{ code?: string; message?: string; raw: string }> {
  const raw = await res.text();
  const body = JSON.parse(raw) as { error?: { message?: string; data?: { code?: string } } };
  return { code: body.error?.data?.code, message: body.error?.message, raw };
}

const status = async (server: TestServer, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/trpc/auth.status`, { headers });
  return ((await res.json()) as { result: { data: { setupRequired: boolean; user: unknown } } }).result.data;
};

describe("first start and setup token", () => {
  test("the token is logged once as JSON fields with the setup URL, and is not stored in clear", async () => {
    const server = await start();
    const lines = server.logs.filter((l) => l.includes("setupToken"));
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as {
      msg: string;
      setupUrl: string;
      setupToken: string;
      level: string;
    };
    expect(record.level).toBe("warn");
    expect(record.setupUrl).toBe(`${server.url}/setup`);
    expect(record.setupToken).toMatch(/^[a-z2-7]{32}$/);
    const rows = server.app.services.db.sqlite.query("SELECT * FROM setup_tokens").all();
    expect(JSON.stringify(rows)).not.toContain(record.setupToken);
    expect(await status(server)).toEqual({ setupRequired: true, user: null });
  });

  test("setup creates the admin, signs in, and the token cannot be used again", async () => {
    const server = await start();
    const token = setupTokenFromLogs(server);
    const password = `pw-${crypto.randomUUID()}`;
    const res = await postMutation(server, "auth.setup", {
      token: ` ${token.toUpperCase()}\n`,
      username: "me",
      password,
    });
    expect(res.status).toBe(200);
    const cookie = sessionCookieFrom(res);
    expect(cookie).not.toBeNull();
    expect(await status(server, { cookie: cookie! })).toMatchObject({
      setupRequired: false,
      user: { username: "me" },
    });

    const again = await errorOf(
      await postMutation(server, "auth.setup", { token, username: "evil", password: `${password}x` }),
    );
    expect(again.code).toBe("CONFLICT");
    const users = server.app.services.db.sqlite.query("SELECT username FROM users").all();
    expect(users).toEqual([{ username: "me" }]);
  });

  test("a wrong token is refused and nothing is created", async () => {
    const server = await start();
    for (const token of ["a".repeat(32), "", "'; DROP TABLE users; --", "x".repeat(5000)]) {
      const err = await errorOf(
        await postMutation(server, "auth.setup", { token, username: "me", password: "a long passphrase 1" }),
      );
      expect(["FORBIDDEN", "BAD_REQUEST"]).toContain(err.code ?? "none");
      expect(err.raw).not.toMatch(/\.ts:\d+|stack/);
    }
    expect(await status(server)).toMatchObject({ setupRequired: true });
  });

  test("a common or short password is refused without using up the token", async () => {
    const server = await start();
    const token = setupTokenFromLogs(server);
    for (const password of ["password", "Baseball", "12345678", "short"]) {
      const err = await errorOf(
        await postMutation(server, "auth.setup", { token, username: "me", password }),
      );
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/common|at least 8/);
    }
    const ok = await postMutation(server, "auth.setup", {
      token,
      username: "me",
      password: "correct horse battery",
    });
    expect(ok.status).toBe(200);
  });

  test("the token expires; the next start prints a fresh one", async () => {
    let now = Date.now();
    const server = await start({ clock: () => now });
    const token = setupTokenFromLogs(server);
    now += SETUP_TOKEN_LIFETIME_MS + 1;
    const err = await errorOf(
      await postMutation(server, "auth.setup", { token, username: "me", password: "correct horse battery" }),
    );
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toContain("expired");
    // A restart (same database) logs a new token that works.
    await server.app.shutdown();
    const logs: string[] = [];
    const again = await startApplication({
      config: server.config,
      spa: directorySpa(server.dir),
      logger: createLogger({ json: true, write: (l) => logs.push(l) }),
      clock: () => now,
    });
    await again.ready;
    const fresh = logs
      .map((l) => JSON.parse(l) as { setupToken?: string })
      .find((r) => r.setupToken)?.setupToken;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(token);
    const res = await fetch(`${again.server.url}/trpc/auth.setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: fresh, username: "me", password: "correct horse battery" }),
    });
    expect(res.status).toBe(200);
    await again.shutdown();
  });

  test("once an admin exists, a restart prints no setup token", async () => {
    const server = await start();
    const token = setupTokenFromLogs(server);
    await postMutation(server, "auth.setup", { token, username: "me", password: "correct horse battery" });
    expect(server.app.services.auth.prepareSetup()).toBeNull();
    const rows = server.app.services.db.sqlite.query("SELECT count(*) AS n FROM setup_tokens").get();
    expect(rows).toEqual({ n: 0 });
  });
});

import { afterEach, describe, expect, test } from "bun:test";
import { openDatabase } from "../../../db/connection.ts";
import { DEFAULT_THROTTLE, LoginThrottle } from "../../../server/auth/login-throttle.ts";
import { isAppError } from "../../../shared/errors.ts";
import { postMutation, signIn } from "../../helpers/sign-in.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

const WINDOW = DEFAULT_THROTTLE.windowMs;
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function attempt(server: TestServer, username: string, password: string, ip?: string) {
  const res = await postMutation(
    server,
    "auth.login",
    { username, password },
    ip ? { "x-forwarded-for": ip } : {},
  );
  const text = await res.text();
  expect(text).not.toMatch(/\.ts:\d+|stack/);
  const body = JSON.parse(text) as { error?: { message: string; data: { code: string } } };
  return { status: res.status, code: body.error?.data.code ?? "OK", message: body.error?.message ?? "" };
}

describe("login", () => {
  test("a wrong password or unknown user is UNAUTHORIZED with the same message", async () => {
    const server = await startTestServer();
    servers.push(server);
    const { username } = await signIn(server);
    const wrong = await attempt(server, username, "definitely not the password");
    const unknown = await attempt(server, "nobody", "definitely not the password");
    expect(wrong).toEqual({ status: 401, code: "UNAUTHORIZED", message: "wrong username or password" });
    expect(unknown).toEqual(wrong);
  });
});

describe("brute-force throttling", () => {
  test("5 failures for one username from one address lock that pair (with the wait) until the window passes", async () => {
    let now = Date.now();
    const server = await startTestServer({ ANIWORLD_TRUST_PROXY: "true" }, { clock: () => now });
    servers.push(server);
    const { username, password } = await signIn(server);
    for (let i = 0; i < 5; i++)
      expect((await attempt(server, username, `guess ${i} wrong`, "203.0.113.9")).code).toBe("UNAUTHORIZED");
    const locked = await attempt(server, username, password, "203.0.113.9");
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    expect(locked.status).toBe(429);
    expect(locked.message).toContain("15 minutes");
    // Case and spaces do not make a new username for the counter.
    expect((await attempt(server, ` ${username.toUpperCase()}`, "another guess", "203.0.113.9")).code).toBe(
      "TOO_MANY_REQUESTS",
    );

    now += WINDOW - 60_000;
    expect((await attempt(server, username, password, "203.0.113.9")).message).toContain("1 minute");
    now += 60_001;
    expect((await attempt(server, username, password, "203.0.113.9")).code).toBe("OK");
  });

  test("nobody can lock the admin out: failures from one address leave the right password working from another", async () => {
    const server = await startTestServer({ ANIWORLD_TRUST_PROXY: "true" });
    servers.push(server);
    const { username, password } = await signIn(server);
    for (let i = 0; i < 5; i++) await attempt(server, username, `guess ${i} wrong`, "203.0.113.9");
    expect((await attempt(server, username, password, "203.0.113.9")).code).toBe("TOO_MANY_REQUESTS");
    // Past 5 failures the username is paced (one attempt at a time, a growing wait), never refused.
    expect((await attempt(server, username, password, "198.51.100.1")).code).toBe("OK");
    expect((await attempt(server, username, "still wrong", "198.51.100.2")).code).toBe("UNAUTHORIZED");
    expect((await attempt(server, username, password, "198.51.100.3")).code).toBe("OK");
  });

  test("a success resets the pair's count", async () => {
    const server = await startTestServer();
    servers.push(server);
    const { username, password } = await signIn(server);
    for (let i = 0; i < 4; i++) await attempt(server, username, `guess ${i} wrong`);
    expect((await attempt(server, username, password)).code).toBe("OK");
    for (let i = 0; i < 4; i++)
      expect((await attempt(server, username, `guess ${i} wrong`)).code).toBe("UNAUTHORIZED");
    expect((await attempt(server, username, password)).code).toBe("OK");
  });

  test("20 failures from one address lock that address for every username, not other addresses", async () => {
    let now = Date.now();
    const server = await startTestServer({ ANIWORLD_TRUST_PROXY: "true" }, { clock: () => now });
    servers.push(server);
    const { username, password } = await signIn(server);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(server, `user${i}`, "wrong password", "203.0.113.9")),
    );
    expect(results.every((r) => r.code === "UNAUTHORIZED")).toBe(true);
    expect((await attempt(server, username, password, "203.0.113.9")).code).toBe("TOO_MANY_REQUESTS");
    expect((await attempt(server, username, password, "198.51.100.1")).code).toBe("OK");
    now += WINDOW + 1;
    expect((await attempt(server, username, password, "203.0.113.9")).code).toBe("OK");
    // 20 argon2id checks at once take a while on a busy 2-core machine.
  }, 30_000);

  test("parallel guesses cannot slip past the limit", async () => {
    const server = await startTestServer();
    servers.push(server);
    const { username } = await signIn(server);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(server, username, `guess ${i}`)),
    );
    expect(results.filter((r) => r.code === "UNAUTHORIZED")).toHaveLength(5);
    expect(results.filter((r) => r.code === "TOO_MANY_REQUESTS")).toHaveLength(7);
  });

  test("wrong setup tokens are throttled per address like sign-ins", async () => {
    const server = await startTestServer({ ANIWORLD_TRUST_PROXY: "true" });
    servers.push(server);
    const setup = (token: string, ip: string) =>
      postMutation(
        server,
        "auth.setup",
        { token, username: "admin", password: "a fine passphrase" },
        {
          "x-forwarded-for": ip,
        },
      );
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await setup(`wrongtoken${i}aaaaaaaa`, "203.0.113.9")).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expect((await setup("wrongtoken-other-address", "198.51.100.1")).status).toBe(403);
  });

  test("the count survives a restart (it lives in the database)", async () => {
    const dir = tempDir();
    const now = Date.now();
    const first = openDatabase(dir.path);
    const throttle = new LoginThrottle(first.db, () => now);
    for (let i = 0; i < 5; i++) await throttle.begin("admin", "192.0.2.1");
    first.close();
    const second = openDatabase(dir.path);
    const refused = await new LoginThrottle(second.db, () => now + 1000).begin("admin", "192.0.2.1").then(
      () => null,
      (error: unknown) => error,
    );
    second.close();
    dir.cleanup();
    expect(isAppError(refused) && refused.code).toBe("TOO_MANY_REQUESTS");
  });
});

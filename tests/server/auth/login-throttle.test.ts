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
  test("5 failures for one username lock it (with the wait in the message) until the window passes", async () => {
    let now = Date.now();
    const server = await startTestServer({}, { clock: () => now });
    servers.push(server);
    const { username, password } = await signIn(server);
    for (let i = 0; i < 5; i++)
      expect((await attempt(server, username, `guess ${i} wrong`)).code).toBe("UNAUTHORIZED");
    const locked = await attempt(server, username, password);
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    expect(locked.status).toBe(429);
    expect(locked.message).toContain("15 minutes");
    // Case and spaces do not make a new username for the counter.
    expect((await attempt(server, ` ${username.toUpperCase()}`, "another guess")).code).toBe(
      "TOO_MANY_REQUESTS",
    );

    now += WINDOW - 60_000;
    expect((await attempt(server, username, password)).message).toContain("1 minute");
    now += 60_001;
    expect((await attempt(server, username, password)).code).toBe("OK");
  });

  test("a success resets the username's count", async () => {
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
  });

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

  test("the count survives a restart (it lives in the database)", () => {
    const dir = tempDir();
    const now = Date.now();
    const first = openDatabase(dir.path);
    const throttle = new LoginThrottle(first.db, () => now);
    for (let i = 0; i < 5; i++) throttle.begin("admin", "192.0.2.1");
    first.close();
    const second = openDatabase(dir.path);
    const refused = (() => {
      try {
        new LoginThrottle(second.db, () => now + 1000).begin("admin", "192.0.2.2");
        return null;
      } catch (error) {
        return error;
      }
    })();
    second.close();
    dir.cleanup();
    expect(isAppError(refused) && refused.code).toBe("TOO_MANY_REQUESTS");
  });
});

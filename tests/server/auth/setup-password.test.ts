import { afterAll, beforeAll, expect, test } from "bun:test";
import { postMutation, setupTokenFromLogs } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function setup(username: string, password: string) {
  const res = await postMutation(server, "auth.setup", {
    token: setupTokenFromLogs(server),
    username,
    password,
  });
  const body = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: body.error?.message ?? "" };
}

test("setup refuses the passwords an attacker tries first, and the username as password; the token stays usable", async () => {
  for (const password of ["password123", "admin123", "administrator", "Password123"]) {
    const refused = await setup("admin", password);
    expect(refused.status).toBe(400);
    expect(refused.message).toContain("common");
  }
  const same = await setup("kuroneko-admin", "Kuroneko-Admin");
  expect(same.status).toBe(400);
  expect(same.message).toContain("username");
  expect((await setup("admin", "a sensible long passphrase")).status).toBe(200);
});

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { postMutation, sessionCookieFrom, signIn } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function resetPassword(dataDir: string) {
  return Bun.spawnSync([process.execPath, main, "reset-password", "--data-dir", dataDir], {
    stdout: "pipe",
    stderr: "pipe",
  });
}

test("without an admin it refuses and points at the setup token", async () => {
  const server = await startTestServer();
  servers.push(server);
  const r = resetPassword(server.config.dataDir);
  expect(r.exitCode).toBe(1);
  expect(r.stderr.toString()).toContain("setup token");
});

test("the printed token sets a new password once, and ends every session", async () => {
  const server = await startTestServer();
  servers.push(server);
  const { username, password, cookie } = await signIn(server);
  // Runs beside the live server on the same database, as an admin would.
  const r = resetPassword(server.config.dataDir);
  expect(r.exitCode).toBe(0);
  const out = r.stdout.toString();
  // The server's real (random) port, not the default 8000 the command line would give.
  expect(out).toContain(`Open ${server.url}/setup`);
  const token = /token: ([a-z2-7]{32})/.exec(out)?.[1];
  expect(token).toBeDefined();
  expect(
    JSON.stringify(server.app.services.db.sqlite.query("SELECT * FROM setup_tokens").all()),
  ).not.toContain(token!);

  const res = await postMutation(server, "auth.setup", {
    token,
    username,
    password: "my new long passphrase",
  });
  expect(res.status).toBe(200);
  expect(sessionCookieFrom(res)).not.toBeNull();
  expect((await fetch(`${server.url}/trpc/system.info`, { headers: { cookie } })).status).toBe(401);
  expect((await postMutation(server, "auth.login", { username, password })).status).toBe(401);
  expect(
    (await postMutation(server, "auth.login", { username, password: "my new long passphrase" })).status,
  ).toBe(200);

  const reused = await postMutation(server, "auth.setup", {
    token,
    username,
    password: "yet another passphrase",
  });
  expect(reused.status).not.toBe(200);
  expect(server.app.services.db.sqlite.query("SELECT count(*) AS n FROM users").get()).toEqual({ n: 1 });
});

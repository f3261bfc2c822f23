import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    ANIWORLD_ALLOWED_ORIGINS: "https://media.example.org",
    ANIWORLD_TRUST_PROXY: "true",
  });
});
afterAll(() => server.close());

const statusFor = async (host: string) =>
  (await fetch(`${server.url}/trpc/auth.status`, { headers: { host } })).status;

test("behind a proxy, the allowed origin's host is answered on a loopback-bound server (the proxy passes its Host)", async () => {
  expect(await statusFor("media.example.org")).toBe(200);
  expect(await statusFor("MEDIA.example.org:443")).toBe(200);
  expect(await statusFor("localhost")).toBe(200);
  expect(await statusFor("app.localhost:8000")).toBe(200);
});

test("look-alike and rebinding hosts are refused with a clear reason", async () => {
  for (const host of [
    "media.example.org.evil.test",
    "evil.test",
    "127.0.0.1.nip.io",
    "localhost.evil.test",
  ]) {
    const res = await fetch(`${server.url}/`, { headers: { host } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "unknown Host; add the address with --allowed-origin" });
  }
});

test("behind a proxy whose public origin is not listed, the proxy's Host is believed", async () => {
  const proxied = await startTestServer({ ANIWORLD_TRUST_PROXY: "true" });
  try {
    const res = await fetch(`${proxied.url}/trpc/auth.status`, { headers: { host: "anime.example.org" } });
    expect(res.status).toBe(200);
  } finally {
    await proxied.close();
  }
});

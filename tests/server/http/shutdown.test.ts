import { expect, test } from "bun:test";
import { signIn } from "../../helpers/sign-in.ts";
import { startTestServer, waitFor, wsClient } from "../../helpers/test-server.ts";

test("shutdown closes WebSockets, stops accepting and closes the database", async () => {
  const server = await startTestServer();
  const { apiKey } = await signIn(server);
  const { client } = wsClient(server.url, { apiKey });
  const ticks: number[] = [];
  let closedSeen = false;
  const sub = client.system.ticks.subscribe(
    { intervalMs: 20 },
    {
      onData: (t) => ticks.push(t.n),
      onStopped: () => (closedSeen = true),
      onError: () => (closedSeen = true),
    },
  );
  await waitFor(() => ticks.length >= 2, "ticks before shutdown");
  const started = Date.now();
  await server.app.shutdown();
  expect(Date.now() - started).toBeLessThan(3000);
  const countAtStop = ticks.length;
  await Bun.sleep(100);
  expect(ticks.length).toBeLessThanOrEqual(countAtStop + 1);
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  expect(() => server.app.services.db.sqlite.query("SELECT 1").get()).toThrow();
  sub.unsubscribe();
  void closedSeen;
});

test("an in-flight streaming request does not hold shutdown past the deadline", async () => {
  const server = await startTestServer();
  const { cookieHeaders } = await signIn(server);
  const controller = new AbortController();
  // An HTTP (SSE) subscription stays open until the server ends it.
  const res = await fetch(
    `${server.url}/trpc/system.ticks?input=${encodeURIComponent('{"intervalMs":20}')}`,
    {
      signal: controller.signal,
      headers: cookieHeaders,
    },
  );
  expect(res.status).toBe(200);
  const started = Date.now();
  await server.app.server.stop(300);
  expect(Date.now() - started).toBeLessThan(2000);
  controller.abort();
  await server.close();
});

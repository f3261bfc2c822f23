import { expect, test } from "bun:test";
import { openRawSocket } from "../../helpers/raw-socket.ts";
import { signIn } from "../../helpers/sign-in.ts";
import { startTestServer, waitFor, wsClient } from "../../helpers/test-server.ts";

test("shutdown closes WebSockets, stops accepting and closes the database", async () => {
  const server = await startTestServer();
  const { apiKey, cookieHeaders } = await signIn(server);
  const { client } = wsClient(server.url, { apiKey });
  const ticks: number[] = [];
  const sub = client.system.ticks.subscribe({ intervalMs: 20 }, { onData: (t) => ticks.push(t.n) });
  await waitFor(() => ticks.length >= 2, "ticks before shutdown");
  // A second, plain socket shows the server closing it (the tRPC client above would just reconnect).
  const raw = openRawSocket(server.url, { ...cookieHeaders, origin: server.url });
  let closedSeen = false;
  raw.addEventListener("close", () => {
    closedSeen = true;
  });
  await new Promise((resolve) => raw.addEventListener("open", resolve, { once: true }));
  const started = Date.now();
  await server.app.shutdown();
  expect(Date.now() - started).toBeLessThan(3000);
  // Open sockets are closed by the server, not left hanging.
  await waitFor(() => closedSeen, "the server to close the open socket");
  const countAtStop = ticks.length;
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  expect(() => server.app.services.db.sqlite.query("SELECT 1").get()).toThrow();
  expect(ticks.length).toBe(countAtStop);
  sub.unsubscribe();
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

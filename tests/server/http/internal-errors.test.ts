import { afterAll, beforeAll, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import {
  httpClient,
  startTestServer,
  type TestServer,
  waitFor,
  wsClient,
} from "../../helpers/test-server.ts";

/**
 * An unexpected failure inside the server (here a real one: a table the queries need is gone) reaches the
 * client as a masked message, over HTTP and over WebSocket, and is logged exactly once, with its stack.
 */

let server: TestServer;
let creds: Credentials;

beforeAll(async () => {
  server = await startTestServer();
  creds = await signIn(server);
  server.app.services.db.sqlite.run("DROP TABLE series_counters");
});
afterAll(() => server.close());

const failures = () =>
  server.logs
    .map((l) => JSON.parse(l) as { level: string; msg: string; error?: { message?: string; stack?: string } })
    .filter((r) => r.level === "error" && r.msg === "procedure failed");

async function messageOf(call: Promise<unknown>): Promise<{ message: string; code: unknown }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError))
    throw new Error(`expected a TRPCClientError, got ${String(error)}`);
  return { message: error.message, code: error.data?.code };
}

test("over HTTP: the client gets the masked message, the log gets the error once with its stack", async () => {
  const before = failures().length;
  const answer = await messageOf(httpClient(server.url, creds.cookieHeaders).series.list.query());
  expect(answer).toEqual({ message: "internal error (see the server log)", code: "INTERNAL_SERVER_ERROR" });
  expect(answer.message).not.toContain("series_counters");
  const logged = failures().slice(before);
  expect(logged).toHaveLength(1);
  expect(logged[0]?.error?.message).toContain("no such table: series_counters");
  expect(logged[0]?.error?.stack).toContain("series-list-query.ts");
});

test("over WebSocket: the same masking, the same single log line", async () => {
  const before = failures().length;
  const socket = wsClient(server.url, { apiKey: creds.apiKey });
  try {
    const answer = await messageOf(socket.client.series.list.query());
    expect(answer.message).toBe("internal error (see the server log)");
    await waitFor(() => failures().length > before, "the log line");
    expect(failures().slice(before)).toHaveLength(1);
  } finally {
    socket.close();
  }
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { startTestServer, type TestServer, wsClient } from "../../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test("refused anonymous WebSocket calls are logged at debug level only, never one warning each", async () => {
  const before = server.logs.length;
  const socket = wsClient(server.url);
  const codes = await Promise.all(
    Array.from({ length: 200 }, () =>
      socket.client.system.info.query().then(
        () => "OK",
        (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e)),
      ),
    ),
  );
  socket.close();
  expect(new Set(codes)).toEqual(new Set(["UNAUTHORIZED"]));
  const records = server.logs.slice(before).map((l) => JSON.parse(l) as { level: string; msg: string });
  const loud = records.filter((r) => r.level !== "debug" && r.level !== "info");
  expect(loud).toEqual([]);
  expect(records.filter((r) => r.msg === "call refused")).toHaveLength(200);
});

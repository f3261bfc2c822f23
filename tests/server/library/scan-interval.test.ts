import { afterAll, beforeAll, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { signIn } from "../../helpers/sign-in.ts";
import { httpClient, startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const scheduled = (logs: string[]) =>
  logs.filter((l) => {
    const r = JSON.parse(l) as { msg?: string; reason?: string };
    return r.msg === "library scan queued" && r.reason === "schedule";
  }).length;

test("scan and monitor intervals above 24.8 days do not overflow the timer into a scan every millisecond", async () => {
  const api = httpClient(server.url, (await signIn(server)).apiKeyHeaders);
  const before = scheduled(server.logs);
  // 40,000 minutes is ~27.8 days: past setInterval's 2^31-1 ms.
  await api.settings.update.mutate({ scanIntervalMinutes: 40_000, monitorIntervalMinutes: 40_000 });
  // Two full scans run start to end meanwhile; an overflowed timer would queue scans all along.
  for (let i = 0; i < 2; i++) {
    const { jobId } = await api.library.scan.mutate({});
    await server.app.services.libraryScans.waitFor(jobId);
  }
  expect(scheduled(server.logs) - before).toBe(0);
});

test("intervals are bounded: more than a year is refused", async () => {
  const api = httpClient(server.url, (await signIn(server)).apiKeyHeaders);
  for (const patch of [{ scanIntervalMinutes: 10 ** 9 }, { monitorIntervalMinutes: 600_000 }]) {
    const error = await api.settings.update.mutate(patch).catch((e: unknown) => e);
    expect(error instanceof TRPCClientError && error.data?.code).toBe("BAD_REQUEST");
  }
});

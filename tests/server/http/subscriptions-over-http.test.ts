import { afterAll, beforeAll, expect, test } from "bun:test";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
beforeAll(async () => {
  server = await startTestServer();
  creds = await signIn(server);
});
afterAll(() => server.close());

/** Reads the whole answer of an SSE-style GET, or at most `limit` bytes of it when the stream stays open. */
async function readSome(res: Response, limit = 4096): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  let text = "";
  const decoder = new TextDecoder();
  while (text.length < limit) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value);
    // A tick delivered means the stream is live: enough to fail the test.
    if (text.includes('"n":')) break;
  }
  await reader.cancel();
  return text;
}

// Live data is served over the WebSocket only, where ending a session or revoking a key closes the stream.
// An SSE stream over HTTP would keep delivering after the credentials are gone.
test("subscriptions over HTTP (SSE) are refused, with an API key and with a session cookie", async () => {
  const input = encodeURIComponent(JSON.stringify({ intervalMs: 20 }));
  for (const headers of [creds.apiKeyHeaders, creds.cookieHeaders]) {
    const res = await fetch(`${server.url}/trpc/system.ticks?input=${input}`, {
      headers: { ...headers, accept: "text/event-stream" },
    });
    const body = await readSome(res);
    expect(body).not.toContain('"n":');
    expect(body).toContain("METHOD_NOT_SUPPORTED");
  }
  const loading = await fetch(`${server.url}/trpc/series.loadingStatus?input=${encodeURIComponent("{}")}`, {
    headers: { ...creds.apiKeyHeaders, accept: "text/event-stream" },
  });
  expect(await readSome(loading)).toContain("METHOD_NOT_SUPPORTED");
});

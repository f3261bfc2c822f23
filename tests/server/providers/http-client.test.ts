import { afterAll, beforeAll, expect, test } from "bun:test";
import { createHttpClient } from "../../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../../server/providers/http/rate-limiter.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import { loopbackNet } from "../../helpers/outbound.ts";
import { recordingHttp } from "../../helpers/stand-ins.ts";

// A small outside service whose behaviour is chosen per path.
let hits = new Map<string, number>();
let seenHeaders: Headers | null = null;
let server: ReturnType<typeof Bun.serve>;
let base = "";

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    fetch(req) {
      const path = new URL(req.url).pathname;
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      seenHeaders = req.headers;
      if (path === "/429-seconds")
        return n <= 2
          ? new Response("", { status: 429, headers: { "Retry-After": "2" } })
          : new Response("ok");
      if (path === "/429-date") {
        const at = new Date(Date.now() + 30_000).toUTCString();
        return n === 1
          ? new Response("", { status: 429, headers: { "Retry-After": at } })
          : new Response("ok");
      }
      if (path === "/429-huge-wait")
        return n === 1
          ? new Response("", { status: 429, headers: { "Retry-After": "86400" } })
          : new Response("ok");
      if (path === "/500") return new Response("boom", { status: 500 });
      if (path === "/404") return new Response("nope", { status: 404 });
      if (path === "/flaky") return n === 1 ? new Response("", { status: 503 }) : new Response("ok");
      if (path === "/hang")
        return new Promise<Response>((r) => req.signal.addEventListener("abort", () => r(new Response(""))));
      if (path === "/big") {
        let sent = 0;
        return new Response(
          new ReadableStream({
            pull(c) {
              if (sent >= 50 * 1024 * 1024) return c.close();
              sent += 65536;
              c.enqueue(new Uint8Array(65536));
            },
          }),
        );
      }
      if (path === "/offsite") return Response.redirect("http://example.invalid/x", 302);
      if (path === "/onsite") return Response.redirect(`${base}/404-free`, 302);
      if (path === "/404-free") return new Response("arrived");
      return new Response("?", { status: 400 });
    },
  });
  base = server.url.toString().replace(/\/$/, "");
});
afterAll(() => server.stop(true));

const get = (http: ReturnType<typeof recordingHttp>["http"], path: string, extra = {}) =>
  http.request({ provider: "test", url: `${base}${path}`, ...extra });

test("429 with Retry-After in seconds waits exactly that long, then succeeds; browser headers are sent", async () => {
  hits = new Map();
  const { http, waits } = recordingHttp();
  const res = await get(http, "/429-seconds");
  expect(res.text()).toBe("ok");
  expect(waits).toEqual([2000, 2000]);
  expect(hits.get("/429-seconds")).toBe(3);
  expect(seenHeaders?.get("user-agent")).toContain("Mozilla/5.0");
  expect(seenHeaders?.get("accept-language")).toContain("de");
});

test("Retry-After as an HTTP date is honoured, and a huge Retry-After is capped", async () => {
  hits = new Map();
  const { http, waits } = recordingHttp();
  await get(http, "/429-date");
  // The date lies 30 s ahead (HTTP dates have 1 s resolution); the normal backoff would be under 300 ms.
  expect(waits[0]).toBeGreaterThan(25_000);
  expect(waits[0]).toBeLessThanOrEqual(30_000);
  const capped = recordingHttp({ retry: { maxRetryAfterMs: 5_000 } });
  await get(capped.http, "/429-huge-wait");
  expect(capped.waits).toEqual([5_000]);
});

test("retries are bounded: a server that always fails gets maxRetries + 1 requests and a retryable ProviderError", async () => {
  hits = new Map();
  const { http, waits } = recordingHttp({ retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 } });
  const error = await get(http, "/500").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).status).toBe(500);
  expect((error as ProviderError).retryable).toBe(true);
  expect(hits.get("/500")).toBe(4);
  expect(waits).toHaveLength(3);
  // Exponential backoff with jitter: each wait lies in [ceiling/2, ceiling] with ceiling 100·2^n (capped).
  waits.forEach((w, n) => {
    const ceiling = Math.min(1000, 100 * 2 ** n);
    expect(w).toBeGreaterThanOrEqual(ceiling / 2);
    expect(w).toBeLessThanOrEqual(ceiling);
  });
});

test("a 404 is not retried; a transient 503 is", async () => {
  hits = new Map();
  const { http } = recordingHttp();
  const error = (await get(http, "/404").catch((e: unknown) => e)) as ProviderError;
  expect(error.status).toBe(404);
  expect(error.retryable).toBe(false);
  expect(hits.get("/404")).toBe(1);
  expect((await get(http, "/flaky")).text()).toBe("ok");
  expect(hits.get("/flaky")).toBe(2);
});

test("a hanging server ends in a timeout ProviderError (retried, bounded)", async () => {
  hits = new Map();
  const { http } = recordingHttp({ timeoutMs: 150, retry: { maxRetries: 1 } });
  const error = (await get(http, "/hang").catch((e: unknown) => e)) as ProviderError;
  expect(error).toBeInstanceOf(ProviderError);
  expect(error.message).toContain("timed out");
  expect(hits.get("/hang")).toBe(2);
});

test("the size limit holds while streaming a 50 MB body without Content-Length", async () => {
  hits = new Map();
  const { http } = recordingHttp();
  const error = (await get(http, "/big", { maxBytes: 1024 * 1024 }).catch(
    (e: unknown) => e,
  )) as ProviderError;
  expect(error).toBeInstanceOf(ProviderError);
  expect(error.message).toContain("larger than");
  expect(error.retryable).toBe(false);
  expect(hits.get("/big")).toBe(1);
});

test("redirects are followed only to allowed hosts", async () => {
  const { http } = recordingHttp();
  expect((await get(http, "/onsite")).text()).toBe("arrived");
  const error = (await get(http, "/offsite").catch((e: unknown) => e)) as ProviderError;
  expect(error.message).toContain("not a provider host");
  const manual = await get(http, "/offsite", { redirect: "manual" });
  expect(manual.status).toBe(302);
  expect(manual.headers.get("location")).toBe("http://example.invalid/x");
});

test("an aborted request rejects with the caller's reason, not a ProviderError", async () => {
  const { http } = recordingHttp();
  const controller = new AbortController();
  const pending = get(http, "/hang", { signal: controller.signal, timeoutMs: 10_000 });
  controller.abort(new Error("user cancelled"));
  await expect(pending).rejects.toThrow("user cancelled");
});

test("the token bucket spaces requests to the configured rate (fake clock)", async () => {
  let now = 0;
  const slept: number[] = [];
  const limiter = new TokenBucketLimiter(
    { "a.example": 2 },
    async (ms) => {
      slept.push(ms);
      now += ms;
    },
    () => now,
  );
  for (let i = 0; i < 6; i++) await limiter.acquire("a.example");
  // Three tokens of burst, then one every 500 ms: 6 requests need 1.5 s of virtual time.
  expect(now).toBeGreaterThanOrEqual(1500);
  expect(now).toBeLessThan(1600);
  await limiter.acquire("unlimited.example");
  limiter.setRate("a.example", 0);
  const before = slept.length;
  await limiter.acquire("a.example");
  expect(slept.length).toBe(before);
});

test("a client built with a limiter really waits for it (the limiter is called per request)", async () => {
  const asked: string[] = [];
  const http = createHttpClient({
    limiter: { acquire: async (host) => void asked.push(host) },
    net: loopbackNet(),
  });
  await http.request({ provider: "test", url: `${base}/onsite` });
  expect(asked).toEqual([new URL(base).host, new URL(base).host]);
});

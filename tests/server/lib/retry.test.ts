import { expect, test } from "bun:test";
import { backoffDelay, withRetry } from "../../../server/lib/retry.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";

const recordSleep = (delays: number[]) => async (ms: number) => {
  delays.push(ms);
};

test("backoff doubles per attempt and is capped", () => {
  const policy = { attempts: 10, baseMs: 100, maxMs: 500 };
  expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy))).toEqual([100, 200, 400, 500, 500]);
});

test("retryable failures are retried with backoff until success", async () => {
  const delays: number[] = [];
  let calls = 0;
  const value = await withRetry(
    async () => {
      calls++;
      if (calls < 3) throw new ProviderError("aniworld", 503, "unavailable");
      return "ok";
    },
    { attempts: 5, baseMs: 10 },
    { sleep: recordSleep(delays) },
  );
  expect(value).toBe("ok");
  expect(calls).toBe(3);
  expect(delays).toEqual([10, 20]);
});

test("attempts are bounded: the last error is rethrown", async () => {
  const delays: number[] = [];
  let calls = 0;
  const error = await withRetry(
    async () => {
      calls++;
      throw new ProviderError("tmdb", 500, `boom ${calls}`);
    },
    { attempts: 3, baseMs: 5 },
    { sleep: recordSleep(delays) },
  ).catch((e: unknown) => e);
  expect((error as Error).message).toBe("boom 3");
  expect(calls).toBe(3);
  expect(delays).toEqual([5, 10]);
});

test("non-retryable provider errors (404) and aborts fail at once", async () => {
  let calls = 0;
  await expect(
    withRetry(
      async () => {
        calls++;
        throw new ProviderError("aniworld", 404, "not found");
      },
      { attempts: 5, baseMs: 1 },
    ),
  ).rejects.toThrow("not found");
  expect(calls).toBe(1);
  const controller = new AbortController();
  controller.abort();
  let aborted = 0;
  await expect(
    withRetry(
      async () => {
        aborted++;
        throw new DOMException("aborted", "AbortError");
      },
      { attempts: 5, baseMs: 1 },
      { signal: controller.signal },
    ),
  ).rejects.toThrow();
  expect(aborted).toBe(1);
});

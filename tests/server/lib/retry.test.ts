import { expect, test } from "bun:test";
import { backoffDelay, settleWithRetry, withRetry } from "../../../server/lib/retry.ts";
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

test("settleWithRetry reports the attempt it ended on, counting on from firstAttempt", async () => {
  const seen: number[] = [];
  const failing = async (attempt: number) => {
    seen.push(attempt);
    throw new ProviderError("webhook", 503, `down at ${attempt}`);
  };
  const resumed = await settleWithRetry(
    failing,
    { attempts: 5, baseMs: 1 },
    { firstAttempt: 3, sleep: recordSleep([]) },
  );
  expect(resumed).toMatchObject({ ok: false, attempts: 5 });
  expect((resumed.ok ? null : (resumed.error as Error))?.message).toBe("down at 5");
  expect(seen).toEqual([3, 4, 5]);
  let calls = 0;
  const fine = await settleWithRetry(
    async () => {
      if (++calls < 2) throw new ProviderError("webhook", 500, "once");
      return "ok";
    },
    { attempts: 5, baseMs: 1 },
    { sleep: recordSleep([]) },
  );
  expect(fine).toEqual({ ok: true, value: "ok", attempts: 2 });
  // Resumed past a shorter policy's total: given up untried, the count stays what was made.
  const spent = await settleWithRetry(failing, { attempts: 3, baseMs: 1 }, { firstAttempt: 5 });
  expect(spent).toMatchObject({ ok: false, attempts: 4 });
  expect(seen).toEqual([3, 4, 5]);
});

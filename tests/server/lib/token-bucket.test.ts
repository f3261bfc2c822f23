import { expect, test } from "bun:test";
import { TokenBucket } from "../../../server/lib/token-bucket.ts";
import { TokenBucketLimiter } from "../../../server/providers/http/rate-limiter.ts";

const recordingSleep = () => {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => void slept.push(ms) };
};

test("a worker thread attached to a bucket spends the same budget as the main thread", async () => {
  const limiter = new TokenBucketLimiter({ "catalog.example": 1 });
  const state = limiter.shared()["catalog.example"];
  if (!state) throw new Error("the limiter shares no bucket for the host");
  const worker = new Worker(new URL("./fixtures/take-tokens.worker.ts", import.meta.url));
  try {
    const answered = new Promise((resolve) => worker.addEventListener("message", resolve, { once: true }));
    worker.postMessage({ state, amount: 7 });
    await answered;
  } finally {
    worker.terminate();
  }
  // Three tokens of burst at 1/s: the worker left the bucket 4 in debt, so the main thread's next token waits ~5 s.
  const { slept, sleep } = recordingSleep();
  await TokenBucket.attach(state, { sleep }).take(1);
  expect(slept).toHaveLength(1);
  expect(slept[0]).toBeGreaterThan(4_000);
});

test("rate changes on the main thread reach attached buckets, and rate 0 lifts the limit everywhere", async () => {
  const now = 0;
  const limiter = new TokenBucketLimiter(
    { "tmdb.example": 2 },
    async () => {},
    () => now,
  );
  const attached = TokenBucketLimiter.attach(limiter.shared());
  expect(attached.rateOf("tmdb.example")).toBe(2);
  limiter.setRate("tmdb.example", 7);
  expect(attached.rateOf("TMDB.example")).toBe(7);
  limiter.setRate("tmdb.example", 0);
  expect(attached.rateOf("tmdb.example")).toBeNull();
  const { slept, sleep } = recordingSleep();
  const state = limiter.shared()["tmdb.example"];
  if (!state) throw new Error("the limiter shares no bucket for the host");
  const bucket = TokenBucket.attach(state, { sleep });
  for (let i = 0; i < 20; i++) await bucket.take(1);
  expect(slept).toEqual([]);
});

test("attaching to something that is not a bucket's state is refused", () => {
  expect(() => TokenBucket.attach(new SharedArrayBuffer(4))).toThrow("not a token bucket's state");
});

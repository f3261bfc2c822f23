/**
 * A rate change reaches takers already sleeping off their debt: a raised limit lets them go sooner, a lifted
 * one at once, a lowered one later (no burst at the old rate). A clock the test moves by hand; the worker
 * case runs on the real clock with a debt no test would wait for.
 */
import { expect, test } from "bun:test";
import { TokenBucket } from "../../../server/lib/token-bucket.ts";
import { waitFor } from "../../helpers/test-server.ts";

/** A clock moved by `advance`; sleepers wake when it passes their time, or reject when their signal aborts. */
function handClock() {
  let t = 0;
  const sleepers = new Set<{ due: number; wake: () => void }>();
  return {
    now: () => t,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const sleeper = {
          due: t + ms,
          wake: () => {
            sleepers.delete(sleeper);
            resolve();
          },
        };
        sleepers.add(sleeper);
        signal?.addEventListener(
          "abort",
          () => {
            sleepers.delete(sleeper);
            reject(signal.reason);
          },
          { once: true },
        );
      }),
    advance(ms: number) {
      t += ms;
      for (const s of [...sleepers]) if (s.due <= t) s.wake();
    },
    /** When each sleeper wakes, earliest first. */
    dues: () => [...sleepers].map((s) => s.due).sort((a, b) => a - b),
  };
}

/** A taker's promise with whether it resolved yet. */
function tracked(promise: Promise<void>) {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
}

test("a raised limit lets a sleeping taker go once the rest of its debt is paid at the new rate", async () => {
  const clock = handClock();
  const bucket = new TokenBucket(1000, { ...clock, burst: { seconds: 0.05 } });
  const taker = tracked(bucket.take(1050));
  expect(clock.dues()).toEqual([1000]);
  clock.advance(200);
  bucket.setRate(10_000);
  // 800 tokens still owed, at 10,000 a second: 80 ms more, not the 800 of the old rate.
  await waitFor(() => clock.dues()[0] === 280, "the taker to sleep at the new rate");
  clock.advance(80);
  await waitFor(() => taker.done, "the taker to be paid");
});

test("a lifted limit lets every sleeping taker go at once, and a new limit starts without a burst", async () => {
  const clock = handClock();
  const bucket = new TokenBucket(1000, { ...clock, burst: { seconds: 0.05 } });
  const first = tracked(bucket.take(5000));
  const second = tracked(bucket.take(5000));
  expect(clock.dues()).toEqual([4950, 9950]);
  bucket.setRate(0);
  await waitFor(() => first.done && second.done, "both takers to go");
  expect(clock.now()).toBe(0);
  // The forgiven debt is not charged to what comes after; an empty bucket is.
  bucket.setRate(1000);
  const next = tracked(bucket.take(100));
  expect(clock.dues()).toEqual([100]);
  clock.advance(100);
  await waitFor(() => next.done, "the next taker to be paid");
});

test("a lowered limit holds a sleeping taker back until its debt is paid at the new rate", async () => {
  const clock = handClock();
  const bucket = new TokenBucket(10_000, { ...clock, burst: { seconds: 0.05 } });
  const taker = tracked(bucket.take(10_500));
  expect(clock.dues()).toEqual([1000]);
  clock.advance(500);
  bucket.setRate(1000);
  // 5,000 tokens still owed, at 1,000 a second: it wakes at 5.5 s, not at the 1 s of the old rate.
  await waitFor(() => clock.dues()[0] === 5500, "the taker to sleep at the new rate");
  clock.advance(500);
  expect(taker.done).toBe(false);
  // One who comes later waits behind it.
  const later = tracked(bucket.take(1000));
  expect(clock.dues()).toEqual([5500, 6500]);
  clock.advance(4500);
  await waitFor(() => taker.done, "the taker to be paid");
  expect(later.done).toBe(false);
});

test("a limit lifted on the main thread wakes a taker sleeping in a worker", async () => {
  // One token a second and a take of an hour's worth: only the lifted limit can end the wait.
  const bucket = new TokenBucket(1);
  const worker = new Worker(new URL("./fixtures/sleep-off-debt.worker.ts", import.meta.url));
  const answers: string[] = [];
  worker.addEventListener("message", (e: MessageEvent<string>) => answers.push(e.data));
  try {
    worker.postMessage({ state: bucket.sharedState, amount: 3600 });
    await waitFor(() => answers.includes("sleeping"), "the worker to sleep off its debt");
    bucket.setRate(0);
    await waitFor(() => answers.includes("taken"), "the worker's take to end");
  } finally {
    worker.terminate();
  }
});

import { expect, test } from "bun:test";
import { MAX_TIMER_MS, setLongInterval, setLongTimeout } from "../../../server/lib/long-timer.ts";

test("a wait longer than one timer chunk fires once, and not before it is due", async () => {
  const start = performance.now();
  const fired: number[] = [];
  await new Promise<void>((resolve) => {
    setLongTimeout(
      () => {
        fired.push(performance.now() - start);
        resolve();
      },
      30,
      { maxChunkMs: 7 },
    );
  });
  expect(fired).toHaveLength(1);
  expect(fired[0]).toBeGreaterThanOrEqual(29);
});

test("a cancelled long wait never fires, even between chunks", async () => {
  let fired = false;
  const timer = setLongTimeout(() => (fired = true), 40, { maxChunkMs: 5 });
  await new Promise<void>((resolve) => setTimeout(resolve, 12));
  timer.cancel();
  // Outlive the original due time by far: a leaked chunk would have fired by then.
  await new Promise<void>((resolve) => setTimeout(resolve, 60));
  expect(fired).toBe(false);
});

test("an interval beyond 2^31-1 ms does not fire at once (a plain setInterval fires every millisecond)", async () => {
  let calls = 0;
  const timer = setLongInterval(() => calls++, MAX_TIMER_MS + 60_000);
  await new Promise<void>((resolve) => setTimeout(resolve, 30));
  timer.cancel();
  expect(calls).toBe(0);
});

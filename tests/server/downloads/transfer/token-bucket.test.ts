import { describe, expect, test } from "bun:test";
import { BURST_SECONDS, TokenBucket } from "../../../../server/downloads/transfer/token-bucket.ts";

/** A clock the test moves by hand: the bucket's waits are computed, never slept. */
function manualClock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("bandwidth token bucket", () => {
  test("a fresh single download gets no head start: N seconds of bytes take N seconds", () => {
    const clock = manualClock();
    const rate = 100_000;
    const bucket = new TokenBucket(rate, clock.now);
    // Three seconds' worth of 10 kB chunks, each sent once the bucket allows it.
    let elapsed = 0;
    for (let sent = 0; sent < 3 * rate; sent += 10_000) {
      const wait = bucket.reserve(10_000);
      clock.advance(wait);
      elapsed += wait;
    }
    // Achieved rate: at most the limit plus the small burst allowance (was ~33 % over with 1 s of credit).
    const achieved = (3 * rate) / (elapsed / 1000);
    expect(achieved).toBeLessThanOrEqual(rate * (1 + BURST_SECONDS / 3) + 1);
    expect(achieved).toBeGreaterThan(rate * 0.95);
  });

  test("idle time saves at most the burst allowance", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1000, clock.now);
    clock.advance(60_000);
    expect(bucket.reserve(1000 * BURST_SECONDS)).toBe(0);
    expect(bucket.reserve(1000)).toBeCloseTo(1000, 5);
  });

  test("rate 0 is unlimited", () => {
    const bucket = new TokenBucket(0);
    expect(bucket.limited).toBe(false);
    expect(bucket.reserve(10 ** 9)).toBe(0);
  });
});

import { describe, expect, test } from "bun:test";
import { BANDWIDTH_BURST_SECONDS } from "../../../server/downloads/download-queue-service.ts";
import { TokenBucket } from "../../../server/lib/token-bucket.ts";

/** A clock the test moves by hand: the bucket's waits are recorded and "slept" instantly. */
function manualClock() {
  let t = 0;
  let slept = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      slept += ms;
    },
    slept: () => slept,
  };
}

describe("the download bandwidth bucket", () => {
  test("a fresh single download gets only a small head start: N seconds of bytes take about N seconds", async () => {
    const clock = manualClock();
    const rate = 100_000;
    const bucket = new TokenBucket(rate, { ...clock, burst: { seconds: BANDWIDTH_BURST_SECONDS } });
    for (let sent = 0; sent < 3 * rate; sent += 10_000) await bucket.take(10_000);
    const achieved = (3 * rate) / (clock.slept() / 1000);
    // With a full second of credit this was 1.5× the limit over three seconds.
    expect(achieved).toBeLessThanOrEqual(rate * (1 + BANDWIDTH_BURST_SECONDS / 2));
    expect(achieved).toBeGreaterThan(rate * 0.95);
  });

  test("idle time saves at most the burst allowance", async () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1000, { ...clock, burst: { seconds: BANDWIDTH_BURST_SECONDS } });
    await clock.sleep(60_000);
    const before = clock.slept();
    await bucket.take(1000 * BANDWIDTH_BURST_SECONDS + 1000);
    expect(clock.slept() - before).toBe(1000);
  });
});

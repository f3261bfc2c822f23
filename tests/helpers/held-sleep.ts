import type { Sleep } from "../../server/lib/sleep.ts";

/**
 * Waits that pass at once `passing` times, then hold until their signal aborts (the owner stops): work
 * that retries is stopped exactly while waiting to retry, after a known number of attempts.
 */
export function waitsThatHoldAfter(passing: number): Sleep {
  let waits = 0;
  return (_ms, signal) =>
    ++waits <= passing
      ? Promise.resolve()
      : new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
}

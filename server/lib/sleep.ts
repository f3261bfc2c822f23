import { setTimeout } from "node:timers/promises";
import { MAX_TIMER_MS } from "./long-timer.ts";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * node:timers/promises' sleep, as the injectable `Sleep` tests replace with a fake clock. Rejects with an
 * AbortError (the signal's reason as its cause) as soon as `signal` aborts, so no timer outlives a cancel.
 * A timer takes at most 2^31-1 ms (longer ones fire after 1 ms): longer waits are slept in such pieces.
 */
export const sleep: Sleep = async (ms, signal) => {
  const options = signal ? { signal } : undefined;
  const due = performance.now() + ms;
  for (let left = ms; left > MAX_TIMER_MS; left = due - performance.now())
    await setTimeout(MAX_TIMER_MS, undefined, options);
  await setTimeout(Math.max(0, due - performance.now()), undefined, options);
};

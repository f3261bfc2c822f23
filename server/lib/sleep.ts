import { setTimeout } from "node:timers/promises";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * node:timers/promises' sleep, as the injectable `Sleep` tests replace with a fake clock. Rejects with an
 * AbortError (the signal's reason as its cause) as soon as `signal` aborts, so no timer outlives a cancel.
 */
export const sleep: Sleep = (ms, signal) => setTimeout(ms, undefined, signal ? { signal } : undefined);

import { ProviderError } from "../providers/provider-error.ts";
import { type Sleep, sleep } from "./sleep.ts";

export interface RetryPolicy {
  /** Total attempts, including the first (1 = no retry). */
  attempts: number;
  /** Delay before the second attempt; doubled for each further one. */
  baseMs: number;
  /** Upper bound of one delay. */
  maxMs?: number;
}

export interface RetryHooks {
  /** Called before waiting for the next attempt. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** The number of the first attempt (default 1): work resumed after a restart continues its count. */
  firstAttempt?: number;
}

/**
 * The one backoff: before retry `attempt` (1 = the first retry) wait base, 2·base, 4·base… capped at maxMs
 * (default 30 s). With `jitter` (a random source) the wait is a random point in the upper half of that, so
 * many clients failing together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseMs" | "maxMs">,
  jitter?: () => number,
): number {
  const ceiling = Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs ?? 30_000);
  return jitter ? Math.round(ceiling / 2 + jitter() * (ceiling / 2)) : ceiling;
}

/** Outside-service failures marked retryable (timeouts, 429, 5xx) and unknown I/O errors are retried. */
export function isRetryable(error: unknown): boolean {
  if (isAbort(error)) return false;
  if (error instanceof ProviderError) return error.retryable;
  return true;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** How retried work ended, with the number of the attempt it ended on (counted from `firstAttempt`). */
export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number };

/**
 * Runs `work`, retrying retryable failures with backoff, and settles with the outcome instead of throwing:
 * the caller that reports how many attempts were made takes the count from here, the one place it is kept.
 * Work resumed with its attempts already used up (a shorter policy since) is given up without a try.
 */
export async function settleWithRetry<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<RetryOutcome<T>> {
  const sleepFor = hooks.sleep ?? sleep;
  const first = Math.max(1, hooks.firstAttempt ?? 1);
  if (first > policy.attempts) {
    const made = first - 1;
    const error = new Error(`given up: ${made} attempts made, the retry policy allows ${policy.attempts}`);
    return { ok: false, error, attempts: made };
  }
  for (let attempt = first; ; attempt++) {
    try {
      return { ok: true, value: await work(attempt), attempts: attempt };
    } catch (error) {
      if (hooks.signal?.aborted || attempt >= policy.attempts || !isRetryable(error))
        return { ok: false, error, attempts: attempt };
      const delayMs = backoffDelay(attempt, policy);
      hooks.onRetry?.({ attempt, delayMs, error });
      try {
        await sleepFor(delayMs, hooks.signal);
      } catch (aborted) {
        return { ok: false, error: aborted, attempts: attempt };
      }
    }
  }
}

/** Runs `work`, retrying retryable failures with backoff; the last error is rethrown. */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const outcome = await settleWithRetry(work, policy, hooks);
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

import { abortableSleep } from "../lib/abortable-sleep.ts";
import { ProviderError } from "../providers/provider-error.ts";

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
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

/** Exponential backoff: base, 2·base, 4·base… capped at maxMs (default 30 s). */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const delay = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(delay, policy.maxMs ?? 30_000);
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

/** Runs `work`, retrying retryable failures with backoff; the last error is rethrown. */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (hooks.signal?.aborted || attempt >= policy.attempts || !isRetryable(error)) throw error;
      const delayMs = backoffDelay(attempt, policy);
      hooks.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, hooks.signal);
    }
  }
}

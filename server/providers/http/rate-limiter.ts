import { abortableSleep, type Sleep } from "../../lib/abortable-sleep.ts";
/**
 * Per-host request rate limiting with token buckets.
 *
 * Across threads: a limiter is just `acquire(host)`. Two ways to keep one host's rate when several workers
 * make requests (the caller picks):
 *  - share: give each worker its own TokenBucketLimiter with `rate / workerCount` (simple, no messages;
 *    `shareOf(rate, n)` computes it) — the sum never exceeds the setting;
 *  - broker: the main thread owns one TokenBucketLimiter and the worker uses `brokeredLimiter(ask)`, where
 *    `ask(host)` posts a request to the main thread, which answers after `limiter.acquire(host)` resolved.
 * Hosts without a configured rate are not limited.
 */
export interface RateLimiter {
  acquire(host: string, signal?: AbortSignal): Promise<void>;
  /** Holds the host back for `ms` (a block or challenge answered): the next token comes no sooner. */
  penalize?(host: string, ms: number): void;
}

interface Bucket {
  rate: number;
  capacity: number;
  tokens: number;
  updatedAt: number;
  /** Chain of waiters so tokens are handed out in arrival order. */
  tail: Promise<void>;
}

const MIN_BURST = 3;

export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    rates: Record<string, number> = {},
    private readonly sleep: Sleep = abortableSleep,
    private readonly now: () => number = () => performance.now(),
  ) {
    for (const [host, rate] of Object.entries(rates)) this.setRate(host, rate);
  }

  /** Sets (or changes at runtime, e.g. after a settings update) the rate of one host; 0 or less = no limit. */
  setRate(host: string, perSecond: number): void {
    const key = host.toLowerCase();
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
      this.buckets.delete(key);
      return;
    }
    // A small burst (a page and its season pages) stays quick without exceeding the rate over time; a
    // rate below one a second is meant to be slow, so it gets no burst.
    const capacity = perSecond < 1 ? 1 : Math.max(MIN_BURST, Math.floor(perSecond));
    const existing = this.buckets.get(key);
    if (existing) {
      this.refill(existing);
      existing.rate = perSecond;
      existing.capacity = capacity;
      existing.tokens = Math.min(existing.tokens, capacity);
      return;
    }
    this.buckets.set(key, {
      rate: perSecond,
      capacity,
      tokens: capacity,
      updatedAt: this.now(),
      tail: Promise.resolve(),
    });
  }

  penalize(host: string, ms: number): void {
    const bucket = this.buckets.get(host.toLowerCase());
    if (!bucket) return;
    this.refill(bucket);
    bucket.tokens = Math.min(bucket.tokens, 1 - (ms / 1000) * bucket.rate);
  }

  rateOf(host: string): number | null {
    return this.buckets.get(host.toLowerCase())?.rate ?? null;
  }

  acquire(host: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.buckets.get(host.toLowerCase());
    if (!bucket) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    const turn = bucket.tail.then(() => this.take(bucket, signal));
    // A cancelled waiter must not block the ones behind it.
    bucket.tail = turn.catch(() => {});
    return turn;
  }

  private async take(bucket: Bucket, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      this.refill(bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - bucket.tokens) / bucket.rate) * 1000), signal);
    }
  }

  private refill(bucket: Bucket): void {
    const now = this.now();
    bucket.tokens = Math.min(
      bucket.capacity,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.rate,
    );
    bucket.updatedAt = now;
  }
}

/** A worker's limiter that asks another thread (which owns the real buckets) for every token. */
export function brokeredLimiter(ask: (host: string, signal?: AbortSignal) => Promise<void>): RateLimiter {
  return { acquire: (host, signal) => ask(host.toLowerCase(), signal) };
}

/** One worker's share of a host rate when `workers` threads each hold their own bucket. */
export function shareOf(perSecond: number, workers: number): number {
  return perSecond / Math.max(1, Math.floor(workers));
}

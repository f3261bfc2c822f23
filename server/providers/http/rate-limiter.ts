import { abortableSleep, type Sleep } from "../../lib/abortable-sleep.ts";
/**
 * Per-host request rate limiting with token buckets.
 * The main thread owns the buckets; the loader worker asks it for each token (see loader-service.ts),
 * so a host's rate holds for the whole process. Hosts without a configured rate are not limited.
 */
export interface RateLimiter {
  acquire(host: string, signal?: AbortSignal): Promise<void>;
}

interface Bucket {
  rate: number;
  capacity: number;
  tokens: number;
  updatedAt: number;
  /** Chain of waiters so tokens are handed out in arrival order. */
  tail: Promise<void>;
}

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
    // Burst of one second's worth (at least one token) keeps short bursts fast without exceeding the rate.
    const capacity = Math.max(1, Math.floor(perSecond));
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

import { sleep as defaultSleep, type Sleep } from "../../lib/sleep.ts";
import { TokenBucket } from "../../lib/token-bucket.ts";

/**
 * Per-host request rate limiting with token buckets.
 * The main thread owns the buckets; the loader worker asks it for each token (see loader-service.ts),
 * so a host's rate holds for the whole process. Hosts without a configured rate are not limited.
 */
export interface RateLimiter {
  acquire(host: string, signal?: AbortSignal): Promise<void>;
  /** Holds the host back for `ms` (a block or challenge answered): the next token comes no sooner. */
  penalize?(host: string, ms: number): void;
}

/** A small burst keeps a series page and its season pages quick without exceeding the rate over time. */
const REQUEST_BURST = 3;

/** Per-host request rates: one TokenBucket (tokens = requests) per host with a configured rate. */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    rates: Record<string, number> = {},
    private readonly sleep: Sleep = defaultSleep,
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
    const existing = this.buckets.get(key);
    if (existing) existing.setRate(perSecond);
    else
      this.buckets.set(
        key,
        new TokenBucket(perSecond, { sleep: this.sleep, now: this.now, burst: { atLeast: REQUEST_BURST } }),
      );
  }

  penalize(host: string, ms: number): void {
    this.buckets.get(host.toLowerCase())?.holdBack(ms);
  }

  rateOf(host: string): number | null {
    return this.buckets.get(host.toLowerCase())?.perSecond ?? null;
  }

  async acquire(host: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    await this.buckets.get(host.toLowerCase())?.take(1, signal);
    if (signal?.aborted) throw signal.reason;
  }
}

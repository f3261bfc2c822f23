import { sleep as defaultSleep, type Sleep } from "../../lib/sleep.ts";
import { TokenBucket } from "../../lib/token-bucket.ts";

/**
 * Per-host request rate limiting with token buckets.
 * The main thread creates the buckets; workers attach to their shared state (`shared()` / `attach`), so a
 * host's rate holds for the whole process without a message per request. Hosts without a rate are not limited.
 */
export interface RateLimiter {
  acquire(host: string, signal?: AbortSignal): Promise<void>;
  /** Holds the host back for `ms` (a block or challenge answered): the next token comes no sooner. */
  penalize?(host: string, ms: number): void;
}

/** The buckets' shared states by host, as handed to a worker. */
export type SharedRates = Record<string, SharedArrayBuffer>;

/** A small burst keeps a series page and its season pages quick without exceeding the rate over time. */
const REQUEST_BURST = 3;

/** Per-host request rates: one TokenBucket (tokens = requests) per host. */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    rates: Record<string, number> = {},
    private readonly sleep: Sleep = defaultSleep,
    private readonly now?: () => number,
  ) {
    for (const [host, rate] of Object.entries(rates)) this.setRate(host, rate);
  }

  /** A limiter over the buckets another thread's limiter shares (`shared()`): one budget for both. */
  static attach(shared: SharedRates): TokenBucketLimiter {
    const limiter = new TokenBucketLimiter();
    for (const [host, state] of Object.entries(shared))
      limiter.buckets.set(host.toLowerCase(), TokenBucket.attach(state));
    return limiter;
  }

  /**
   * Sets (or changes at runtime, e.g. after a settings update) the rate of one host; 0 or less = no limit.
   * A host's bucket stays once made (rate 0 = unlimited), so threads attached to it see every change.
   */
  setRate(host: string, perSecond: number): void {
    const key = host.toLowerCase();
    const rate = perSecond > 0 && Number.isFinite(perSecond) ? perSecond : 0;
    const existing = this.buckets.get(key);
    if (existing) existing.setRate(rate);
    else
      this.buckets.set(
        key,
        new TokenBucket(rate, { sleep: this.sleep, now: this.now, burst: { atLeast: REQUEST_BURST } }),
      );
  }

  penalize(host: string, ms: number): void {
    this.buckets.get(host.toLowerCase())?.holdBack(ms);
  }

  rateOf(host: string): number | null {
    const bucket = this.buckets.get(host.toLowerCase());
    return bucket?.limited ? bucket.perSecond : null;
  }

  /** The buckets' states, for a worker to `attach` to. */
  shared(): SharedRates {
    return Object.fromEntries([...this.buckets].map(([host, bucket]) => [host, bucket.sharedState]));
  }

  async acquire(host: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    await this.buckets.get(host.toLowerCase())?.take(1, signal);
    if (signal?.aborted) throw signal.reason;
  }
}

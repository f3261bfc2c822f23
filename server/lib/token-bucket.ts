import { type Sleep, sleep } from "./sleep.ts";

/**
 * The one token bucket: the download bandwidth limit (tokens = bytes, one bucket shared by every transfer)
 * and the providers' request rates (tokens = requests, one bucket per host; rate-limiter.ts). Takers may go
 * into debt and then sleep it off, so the long-run rate is the limit whatever the amounts, and takers are
 * served in arrival order; at most one second of burst (at least one token). Rate 0 means unlimited.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;

  /** Request buckets of 1/s and more keep this many tokens of burst (a page and its season pages). */
  private readonly minBurst: number;

  constructor(
    private rate: number,
    clock: { now?: () => number; sleep?: Sleep; minBurst?: number } = {},
  ) {
    this.now = clock.now ?? (() => performance.now());
    this.sleep = clock.sleep ?? sleep;
    this.minBurst = clock.minBurst ?? 1;
    this.rate = Math.max(0, rate);
    this.tokens = this.capacity();
    this.last = this.now();
  }

  get limited(): boolean {
    return this.rate > 0;
  }

  get perSecond(): number {
    return this.rate;
  }

  setRate(perSecond: number): void {
    this.refill();
    this.rate = Math.max(0, perSecond);
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  /** Holds the next taker back for `ms` (a host that blocks us is asked again only later). */
  holdBack(ms: number): void {
    if (this.rate <= 0) return;
    this.refill();
    this.tokens = Math.min(this.tokens, 1 - (ms / 1000) * this.rate);
  }

  /** Resolves when `amount` tokens are paid for, or at once when `signal` aborts (the caller checks it). */
  async take(amount: number, signal?: AbortSignal): Promise<void> {
    if (this.rate <= 0) return;
    this.refill();
    this.tokens -= amount;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil((-this.tokens / this.rate) * 1000);
    try {
      await this.sleep(waitMs, signal);
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }

  private capacity(): number {
    // A rate below one a second is meant to be slow: no extra burst.
    return Math.max(this.rate >= 1 ? this.minBurst : 1, this.rate);
  }

  private refill(): void {
    const now = this.now();
    if (this.rate > 0)
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}

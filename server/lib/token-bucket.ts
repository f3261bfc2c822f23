import { type Sleep, sleep } from "./sleep.ts";

/**
 * How much a bucket may save up while idle: `seconds` of its rate (one unless told; the bandwidth bucket keeps
 * less so a single download cannot run over the limit), and at least `atLeast` tokens at 1/s and more (a request
 * bucket's page and its season pages). Never less than one token.
 */
export type Burst = { seconds?: number; atLeast?: number };

/**
 * The one token bucket: the download bandwidth limit (tokens = bytes, one bucket shared by every transfer)
 * and the providers' request rates (tokens = requests, one bucket per host; rate-limiter.ts). Takers may go
 * into debt and then sleep it off, so the long-run rate is the limit whatever the amounts, and takers are
 * served in arrival order; the saved-up burst is bounded by `Burst`. Rate 0 means unlimited.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly burstSeconds: number;
  private readonly burstTokens: number;

  constructor(
    private rate: number,
    clock: { now?: () => number; sleep?: Sleep; burst?: Burst } = {},
  ) {
    this.now = clock.now ?? (() => performance.now());
    this.sleep = clock.sleep ?? sleep;
    this.burstSeconds = clock.burst?.seconds ?? 1;
    this.burstTokens = clock.burst?.atLeast ?? 1;
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
    // A rate below one a second is meant to be slow: no extra burst beyond one token.
    return Math.max(1, this.rate >= 1 ? this.burstTokens : 1, this.rate * this.burstSeconds);
  }

  private refill(): void {
    const now = this.now();
    if (this.rate > 0)
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}

import { type Sleep, sleep } from "./sleep.ts";

/**
 * The one token bucket: the download bandwidth limit (tokens = bytes, one bucket shared by every transfer)
 * and the providers' request rates (tokens = requests, one bucket per host; rate-limiter.ts). Takers may go
 * into debt and then sleep it off, so the long-run rate is the limit whatever the amounts, and takers are
 * served in arrival order; at most `burstSeconds` of saved rate (one second unless told; at least one token).
 * Rate 0 means unlimited.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly burstSeconds: number;

  constructor(
    private rate: number,
    clock: { now?: () => number; sleep?: Sleep; burstSeconds?: number } = {},
  ) {
    this.now = clock.now ?? (() => performance.now());
    this.sleep = clock.sleep ?? sleep;
    this.burstSeconds = clock.burstSeconds ?? 1;
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
    return Math.max(1, this.rate * this.burstSeconds);
  }

  private refill(): void {
    const now = this.now();
    if (this.rate > 0)
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}

/**
 * The global bandwidth limit: one bucket shared by every transfer. Takers may go into debt and then sleep
 * it off, so the long-run rate is the limit whatever the chunk sizes; rate 0 means unlimited.
 *
 * The bucket starts empty and saves at most BURST_SECONDS of unused rate: a full second of credit (the
 * usual bucket size) let a fresh download of a few seconds run about a third over the limit.
 */
export const BURST_SECONDS = 0.05;

export class TokenBucket {
  private tokens = 0;
  private last: number;

  constructor(
    private rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = this.now();
  }

  get limited(): boolean {
    return this.rate > 0;
  }

  setRate(bytesPerSecond: number): void {
    this.rate = Math.max(0, bytesPerSecond);
    this.tokens = Math.min(this.tokens, this.rate * BURST_SECONDS);
  }

  /** Takes `bytes` and returns how long (ms) the taker must wait before sending them; 0 = at once. */
  reserve(bytes: number): number {
    if (this.rate <= 0) return 0;
    const now = this.now();
    this.tokens = Math.min(this.rate * BURST_SECONDS, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    const waitMs = this.reserve(bytes);
    if (waitMs <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

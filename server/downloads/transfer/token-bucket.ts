/**
 * The global bandwidth limit: one bucket shared by every transfer. Takers may go into debt and then sleep
 * it off, so the long-run rate is the limit whatever the chunk sizes; rate 0 means unlimited.
 */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(private rate: number) {
    this.tokens = rate;
  }

  get limited(): boolean {
    return this.rate > 0;
  }

  setRate(bytesPerSecond: number): void {
    this.rate = Math.max(0, bytesPerSecond);
    this.tokens = Math.min(this.tokens, this.rate);
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.rate <= 0) return;
    const now = performance.now();
    // At most one second of burst.
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    this.tokens -= bytes;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / this.rate) * 1000;
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

import { type Sleep, sleep } from "./sleep.ts";

// Layout of a bucket's state: an int32 lock word, padding, then tokens, last refill time, rate, minimum
// burst and burst seconds as float64.
const LOCK_BYTES = 8;
const FIELDS = 5;
const STATE_BYTES = LOCK_BYTES + FIELDS * 8;
const TOKENS = 0;
const LAST = 1;
const RATE = 2;
const MIN_BURST = 3;
const BURST_SECONDS = 4;

/** Wall-clock milliseconds every thread agrees on (each worker's performance.now() has its own origin). */
const sharedNow = () => performance.timeOrigin + performance.now();

type Clock = { now?: () => number; sleep?: Sleep };

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
 *
 * The state lives in a SharedArrayBuffer: `attach` gives another thread (a worker) a bucket over the same
 * state, so every thread takes from one budget without a message per take. The critical section (refill and
 * take) is a few arithmetic operations under a spin lock; no thread ever holds it across an await.
 */
export class TokenBucket {
  private readonly lock: Int32Array;
  private readonly state: Float64Array;
  private readonly now: () => number;
  private readonly sleep: Sleep;

  constructor(rate: number, clock: Clock & { burst?: Burst } = {}, shared?: SharedArrayBuffer) {
    const buffer = shared ?? new SharedArrayBuffer(STATE_BYTES);
    this.lock = new Int32Array(buffer, 0, 1);
    this.state = new Float64Array(buffer, LOCK_BYTES, FIELDS);
    this.now = clock.now ?? sharedNow;
    this.sleep = clock.sleep ?? sleep;
    if (shared) return; // attached: the state is the creator's
    this.state[MIN_BURST] = clock.burst?.atLeast ?? 1;
    this.state[BURST_SECONDS] = clock.burst?.seconds ?? 1;
    this.state[RATE] = Math.max(0, rate);
    this.state[TOKENS] = this.capacity();
    this.state[LAST] = this.now();
  }

  /** A bucket over the state of `shared` (another thread's bucket's `sharedState`). */
  static attach(shared: SharedArrayBuffer, clock: Clock = {}): TokenBucket {
    if (shared.byteLength !== STATE_BYTES) throw new Error("not a token bucket's state");
    return new TokenBucket(0, clock, shared);
  }

  /** The state to hand to another thread (postMessage shares it, it does not copy it). */
  get sharedState(): SharedArrayBuffer {
    return this.state.buffer as SharedArrayBuffer;
  }

  get limited(): boolean {
    return this.perSecond > 0;
  }

  get perSecond(): number {
    return this.locked(() => this.readRate());
  }

  setRate(perSecond: number): void {
    this.locked(() => {
      this.refill();
      this.state[RATE] = Math.max(0, perSecond);
      this.state[TOKENS] = Math.min(this.state[TOKENS] ?? 0, this.capacity());
    });
  }

  /** Holds the next taker back for `ms` (a host that blocks us is asked again only later). */
  holdBack(ms: number): void {
    this.locked(() => {
      const rate = this.readRate();
      if (rate <= 0) return;
      this.refill();
      this.state[TOKENS] = Math.min(this.state[TOKENS] ?? 0, 1 - (ms / 1000) * rate);
    });
  }

  /** Resolves when `amount` tokens are paid for, or at once when `signal` aborts (the caller checks it). */
  async take(amount: number, signal?: AbortSignal): Promise<void> {
    const waitMs = this.locked(() => {
      const rate = this.readRate();
      if (rate <= 0) return 0;
      this.refill();
      const tokens = (this.state[TOKENS] ?? 0) - amount;
      this.state[TOKENS] = tokens;
      return tokens >= 0 ? 0 : Math.ceil((-tokens / rate) * 1000);
    });
    if (waitMs === 0) return;
    try {
      await this.sleep(waitMs, signal);
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }

  private readRate(): number {
    return this.state[RATE] ?? 0;
  }

  private capacity(): number {
    const rate = this.readRate();
    // A rate below one a second is meant to be slow: no extra burst beyond one token.
    return Math.max(1, rate >= 1 ? (this.state[MIN_BURST] ?? 1) : 1, rate * (this.state[BURST_SECONDS] ?? 1));
  }

  private refill(): void {
    const now = this.now();
    const rate = this.readRate();
    if (rate > 0) {
      const elapsed = Math.max(0, now - (this.state[LAST] ?? now));
      this.state[TOKENS] = Math.min(this.capacity(), (this.state[TOKENS] ?? 0) + (elapsed / 1000) * rate);
    }
    this.state[LAST] = now;
  }

  private locked<T>(work: () => T): T {
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0) {
      // Another thread is inside the few operations of a take; spin.
    }
    try {
      return work();
    } finally {
      Atomics.store(this.lock, 0, 0);
    }
  }
}

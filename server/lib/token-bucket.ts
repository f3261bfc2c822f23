import { type Sleep, sleep } from "./sleep.ts";

// Layout of a bucket's state: an int32 lock word and an int32 rate generation (bumped on every rate
// change, for takers to wait on), then tokens, last refill time, rate, minimum burst, burst seconds and
// tokens refilled so far as float64.
const WORDS_BYTES = 8;
const LOCK = 0;
const GENERATION = 1;
const FIELDS = 6;
const STATE_BYTES = WORDS_BYTES + FIELDS * 8;
const TOKENS = 0;
const LAST = 1;
const RATE = 2;
const MIN_BURST = 3;
const BURST_SECONDS = 4;
const REFILLED = 5;
/** A debt this small is rounding, not a wait. */
const PAID_UP = 1e-6;

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
 * served in arrival order; the saved-up burst is bounded by `Burst`. Rate 0 means unlimited. A rate change
 * wakes every sleeping taker to pay what it still owes at the new rate: a raised or lifted limit speeds
 * running transfers up at once, a lowered one slows them down at once.
 *
 * The state lives in a SharedArrayBuffer: `attach` gives another thread (a worker) a bucket over the same
 * state, so every thread takes from one budget without a message per take. The critical section (refill and
 * take) is a few arithmetic operations under a spin lock; no thread ever holds it across an await.
 */
export class TokenBucket {
  private readonly words: Int32Array;
  private readonly state: Float64Array;
  private readonly now: () => number;
  private readonly sleep: Sleep;

  constructor(rate: number, clock: Clock & { burst?: Burst } = {}, shared?: SharedArrayBuffer) {
    const buffer = shared ?? new SharedArrayBuffer(STATE_BYTES);
    this.words = new Int32Array(buffer, 0, 2);
    this.state = new Float64Array(buffer, WORDS_BYTES, FIELDS);
    this.now = clock.now ?? sharedNow;
    this.sleep = clock.sleep ?? sleep;
    if (shared) return; // attached: the state is the creator's
    this.state[MIN_BURST] = clock.burst?.atLeast ?? 1;
    this.state[BURST_SECONDS] = clock.burst?.seconds ?? 1;
    this.state[RATE] = Math.max(0, rate);
    this.state[TOKENS] = this.capacity();
    this.state[LAST] = this.now();
    this.state[REFILLED] = 0;
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
      const rate = Math.max(0, perSecond);
      this.state[RATE] = rate;
      const tokens = this.state[TOKENS] ?? 0;
      if (rate > 0) this.state[TOKENS] = Math.min(tokens, this.capacity());
      else if (tokens < 0) {
        // No limit: the debt is forgiven, so every sleeping taker counts as paid; a limit set later starts
        // from an empty bucket, with no burst.
        this.state[TOKENS] = 0;
        this.state[REFILLED] = (this.state[REFILLED] ?? 0) - tokens;
      }
      Atomics.add(this.words, GENERATION, 1);
    });
    Atomics.notify(this.words, GENERATION);
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
    // Paid once the bucket has refilled this much in all: what it held, and the debt of those before us.
    const paidAt = this.locked(() => {
      if (this.readRate() <= 0) return null;
      this.refill();
      const tokens = (this.state[TOKENS] ?? 0) - amount;
      this.state[TOKENS] = tokens;
      return tokens >= 0 ? null : (this.state[REFILLED] ?? 0) - tokens;
    });
    if (paidAt === null) return;
    for (;;) {
      const { waitMs, generation } = this.locked(() => {
        const rate = this.readRate();
        const generation = Atomics.load(this.words, GENERATION);
        if (rate <= 0) return { waitMs: 0, generation };
        this.refill();
        const owed = paidAt - (this.state[REFILLED] ?? 0);
        return { waitMs: owed <= PAID_UP ? 0 : Math.ceil((owed / rate) * 1000), generation };
      });
      if (waitMs === 0 || signal?.aborted) return;
      if ((await this.sleepUnlessRateChanges(waitMs, generation, signal)) === "slept") return;
    }
  }

  /**
   * Sleeps `ms`, unless the rate changes first (on any thread: the generation word moves on) or `signal`
   * aborts. "slept": the wait is over; "woken": what is owed must be worked out again.
   */
  private async sleepUnlessRateChanges(
    ms: number,
    generation: number,
    signal: AbortSignal | undefined,
  ): Promise<"slept" | "woken"> {
    const wake = new AbortController();
    // Times out with the sleep at the latest; a pending wait keeps no process alive.
    const changed = Atomics.waitAsync(this.words, GENERATION, generation, ms);
    if (!changed.async) return "woken";
    void changed.value.then((outcome) => {
      if (outcome === "ok") wake.abort();
    });
    try {
      await this.sleep(ms, signal ? AbortSignal.any([signal, wake.signal]) : wake.signal);
      return "slept";
    } catch (error) {
      if (wake.signal.aborted) return "woken";
      if (signal?.aborted) return "slept";
      throw error;
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
      const before = this.state[TOKENS] ?? 0;
      const after = Math.max(before, Math.min(this.capacity(), before + (elapsed / 1000) * rate));
      this.state[TOKENS] = after;
      this.state[REFILLED] = (this.state[REFILLED] ?? 0) + (after - before);
    }
    this.state[LAST] = now;
  }

  private locked<T>(work: () => T): T {
    while (Atomics.compareExchange(this.words, LOCK, 0, 1) !== 0) {
      // Another thread is inside the few operations of a take; spin.
    }
    try {
      return work();
    } finally {
      Atomics.store(this.words, LOCK, 0);
    }
  }
}

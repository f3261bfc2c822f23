import { backoffDelay } from "../lib/retry.ts";

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface BusyRetry {
  /** True for a commit failure that is worth retrying (the database is locked by someone else). */
  isBusy(error: unknown): boolean;
  /** First wait after a busy commit; doubles per attempt up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this long of busy commits the group fails with the busy error. */
  giveUpAfterMs: number;
}

const NO_RETRY: BusyRetry = { isBusy: () => false, firstDelayMs: 0, maxDelayMs: 0, giveUpAfterMs: 0 };

/**
 * Collects the writes submitted during one event-loop turn and runs them, in submission order, inside one
 * outer transaction (`runAll`) right after the turn (setImmediate: the requests that arrived together are
 * all parsed by then). Each write runs in its own savepoint (the caller's `work` does that), so one that
 * throws fails alone. Callers are answered only after the commit.
 *
 * When another process holds the write lock the connection gives up after a short busy timeout; the
 * group (rolled back whole) then waits on a timer, not on the thread, and runs again with whatever was
 * submitted meanwhile, until `retry.giveUpAfterMs` has passed.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private busySince: number | null = null;
  private busyAttempts = 0;

  constructor(
    private readonly runAll: (run: () => void) => void,
    private readonly retry: BusyRetry = NO_RETRY,
  ) {}

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length === 0 && this.retryTimer === null) setImmediate(() => this.flush());
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Number of writes waiting for the next commit. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Commits what is waiting now (shutdown: before the connection closes); the scheduled run then finds nothing. */
  flush(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.runAll(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: item.work() });
          } catch (error) {
            // A write that found the database locked holds no lock: the whole group goes back and waits.
            if (this.retry.isBusy(error)) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the group was written.
      if (this.scheduleRetry(batch, error)) return;
      for (const item of batch) item.reject(error);
      return;
    }
    this.busySince = null;
    this.busyAttempts = 0;
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }

  /** Puts a busy group back at the head of the queue and flushes again later; false when it gives up. */
  private scheduleRetry(batch: Pending[], error: unknown): boolean {
    if (!this.retry.isBusy(error)) return false;
    const now = performance.now();
    this.busySince ??= now;
    if (now - this.busySince >= this.retry.giveUpAfterMs) {
      this.busySince = null;
      this.busyAttempts = 0;
      return false;
    }
    this.queue = [...batch, ...this.queue];
    this.busyAttempts++;
    const delay = backoffDelay(this.busyAttempts, {
      baseMs: this.retry.firstDelayMs,
      maxMs: this.retry.maxDelayMs,
    });
    this.retryTimer = setTimeout(() => this.flush(), delay);
    return true;
  }
}

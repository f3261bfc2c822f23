interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Collects the writes submitted during one event-loop turn and runs them, in submission order, inside one
 * outer transaction (`runAll`) right after the turn (setImmediate: the requests that arrived together are
 * all parsed by then). Each write runs in its own savepoint (the caller's `work` does that), so one that
 * throws fails alone. Callers are answered only after the commit.
 */
export class GroupCommit {
  private queue: Pending[] = [];

  constructor(private readonly runAll: (run: () => void) => void) {}

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Number of writes waiting for the next commit. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Commits what is waiting now (shutdown: before the connection closes); the scheduled run then finds nothing. */
  flush(): void {
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
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the group was written.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

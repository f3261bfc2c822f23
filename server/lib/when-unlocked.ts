import { isDatabaseBusy } from "../../db/connection.ts";
import { backoffDelay } from "./retry.ts";
import { sleep } from "./sleep.ts";

/**
 * Runs a synchronous database write; while another program holds the lock (SQLITE_BUSY after the short
 * server busy timeout) it waits on a timer, not on the thread, and tries again: 25 ms doubling to 1 s, for
 * up to `giveUpAfterMs`, then rethrows the busy error. Other errors are rethrown at once.
 */
export async function whenUnlocked<T>(write: () => T, giveUpAfterMs = 30_000): Promise<T> {
  const start = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isDatabaseBusy(error) || performance.now() - start >= giveUpAfterMs) throw error;
      await sleep(backoffDelay(attempt + 1, { baseMs: 25, maxMs: 1_000 }));
    }
  }
}

/** A write that may be skipped while the database is locked (progress samples, last-use stamps). */
export function unlessLocked(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
  }
}

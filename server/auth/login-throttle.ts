import { and, asc, count, eq, gt, lte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { loginAttempts } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import type { Clock } from "./clock.ts";

export interface ThrottleLimits {
  /** Failures of one username from one address before that pair waits out the window. */
  perPair: number;
  /** Failures from one address (any username) before the address waits out the window. */
  perAddress: number;
  /** Failures of one username (any address) after which its attempts are paced, never refused. */
  paceAfter: number;
  windowMs: number;
  /** The first paced attempt waits this long; each further failure doubles it up to maxPaceMs. */
  paceMs: number;
  maxPaceMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  perPair: 5,
  perAddress: 20,
  paceAfter: 5,
  windowMs: 15 * 60 * 1000,
  paceMs: 250,
  maxPaceMs: 8_000,
};

/** The key setup-token attempts are counted under; usernames cannot hold control characters. */
export const SETUP_ATTEMPTS = "\u0000setup";

/**
 * Brute-force protection for password and setup-token checks. Attempts live in login_attempts so a
 * restart does not reset the count. A guesser is refused per (username, address) and per address; a
 * username under attack from many addresses is slowed down, one attempt at a time, but never locked, so
 * nobody can lock the admin out. `begin` records the attempt *before* the slow check, so parallel guesses
 * cannot slip past the limit; `succeeded` forgets the pair's failures.
 */
export class LoginThrottle {
  /** Per username: when the next paced attempt may run (real time; pacing is not persisted). */
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /**
   * Rejects with TOO_MANY_REQUESTS (with the wait) when the pair or the address reached its limit;
   * otherwise records the attempt at once and resolves when the username's pace allows it to go on.
   */
  async begin(username: string, address: string): Promise<void> {
    const now = this.clock();
    const since = now - this.limits.windowMs;
    const key = normalise(username);
    const usernameFailures = this.db.transaction((tx) => {
      tx.delete(loginAttempts).where(lte(loginAttempts.at, since)).run();
      const byUser = eq(loginAttempts.username, key);
      const byAddress = eq(loginAttempts.address, address);
      const wait = Math.max(
        this.waitFor(tx, and(byUser, byAddress), this.limits.perPair, since, now),
        this.waitFor(tx, byAddress, this.limits.perAddress, since, now),
      );
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        );
      }
      const failures = countWhere(tx, and(byUser, gt(loginAttempts.at, since)));
      tx.insert(loginAttempts).values({ username: key, address, at: now }).run();
      return failures;
    });
    await this.pace(key, usernameFailures);
  }

  /** A correct password (or token) from this address: the pair's failures are forgotten. */
  succeeded(username: string, address: string): void {
    this.db
      .delete(loginAttempts)
      .where(and(eq(loginAttempts.username, normalise(username)), eq(loginAttempts.address, address)))
      .run();
  }

  /** Queues the attempt behind the username's earlier paced ones, each `step` apart. */
  private async pace(key: string, failures: number): Promise<void> {
    const over = failures - this.limits.paceAfter;
    if (over < 0) return;
    const step = Math.min(this.limits.paceMs * 2 ** Math.min(over, 30), this.limits.maxPaceMs);
    const now = performance.now();
    if (this.nextSlot.size > 10_000) {
      for (const [k, at] of this.nextSlot) if (at < now) this.nextSlot.delete(k);
    }
    const start = Math.max(now, this.nextSlot.get(key) ?? 0);
    this.nextSlot.set(key, start + step);
    await Bun.sleep(start + step - now);
  }

  /** Milliseconds until the oldest attempt that keeps the count at the limit leaves the window (0 = free). */
  private waitFor(
    tx: Pick<Db, "select">,
    match: SQL | undefined,
    limit: number,
    since: number,
    now: number,
  ): number {
    const where = and(match, gt(loginAttempts.at, since));
    const n = countWhere(tx, where);
    if (n < limit) return 0;
    // Sorted oldest first, the (n - limit + 1)-th attempt is the one whose expiry frees a slot.
    const row = tx
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(where)
      .orderBy(asc(loginAttempts.at))
      .limit(1)
      .offset(n - limit)
      .get();
    return row ? Math.max(1, row.at + this.limits.windowMs - now) : this.limits.windowMs;
  }
}

function countWhere(tx: Pick<Db, "select">, where: SQL | undefined): number {
  return tx.select({ n: count() }).from(loginAttempts).where(where).get()?.n ?? 0;
}

/** Usernames are compared as typed, but throttled case-insensitively so "Admin" and "admin" share a count. */
function normalise(username: string): string {
  return username.trim().toLowerCase();
}

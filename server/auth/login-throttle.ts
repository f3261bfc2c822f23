import { and, asc, count, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { loginAttempts } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import type { Clock } from "./clock.ts";

export interface ThrottleLimits {
  perUsername: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perUsername: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

/**
 * Brute-force protection for password checks. Attempts live in login_attempts so a restart does not reset
 * the count. `begin` records the attempt *before* the slow password check, so parallel guesses cannot
 * slip past the limit; `succeeded` then clears the username's record (including this attempt).
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /** Throws TOO_MANY_REQUESTS (with the wait) when a limit is reached; otherwise records the attempt. */
  begin(username: string, address: string): void {
    const now = this.clock();
    const since = now - this.limits.windowMs;
    const key = normalise(username);
    this.db.transaction((tx) => {
      tx.delete(loginAttempts).where(lte(loginAttempts.at, since)).run();
      const waits = [
        this.waitFor(tx, eq(loginAttempts.username, key), this.limits.perUsername, since, now),
        this.waitFor(tx, eq(loginAttempts.address, address), this.limits.perAddress, since, now),
      ];
      const wait = Math.max(...waits);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        );
      }
      tx.insert(loginAttempts).values({ username: key, address, at: now }).run();
    });
  }

  /** A correct password: the username's failures are forgotten. */
  succeeded(username: string): void {
    this.db
      .delete(loginAttempts)
      .where(eq(loginAttempts.username, normalise(username)))
      .run();
  }

  /** Milliseconds until the oldest attempt that keeps the count at the limit leaves the window (0 = free). */
  private waitFor(
    tx: Pick<Db, "select">,
    match: ReturnType<typeof eq>,
    limit: number,
    since: number,
    now: number,
  ): number {
    const where = and(match, gt(loginAttempts.at, since));
    const n = tx.select({ n: count() }).from(loginAttempts).where(where).get()?.n ?? 0;
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

/** Usernames are compared as typed, but throttled case-insensitively so "Admin" and "admin" share a count. */
function normalise(username: string): string {
  return username.trim().toLowerCase();
}

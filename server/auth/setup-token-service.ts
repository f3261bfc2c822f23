import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { setupTokens } from "../../db/schema/index.ts";
import type { Clock } from "./clock.ts";
import { generateToken, hashToken } from "./tokens.ts";

/** "setup" creates the first admin; "reset" sets a new password for the existing admin. */
export type SetupPurpose = "setup" | "reset";

export const SETUP_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** One-time tokens printed to the server log (setup) or the terminal (reset-password); stored hashed. */
export class SetupTokenService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * A new token for `purpose`; earlier tokens of the same purpose stop working (only the newest printed
   * token is valid, and an unused one cannot be printed again because only its hash is stored).
   */
  issue(purpose: SetupPurpose): { token: string; expiresAt: number } {
    const token = generateToken();
    const now = this.clock();
    const expiresAt = now + SETUP_TOKEN_LIFETIME_MS;
    this.db.transaction((tx) => {
      tx.delete(setupTokens).where(eq(setupTokens.purpose, purpose)).run();
      tx.insert(setupTokens)
        .values({ tokenHash: hashToken(token), purpose, expiresAt, createdAt: now })
        .run();
    });
    return { token, expiresAt };
  }

  /** The purpose of a valid token without using it up (so a rejected password does not burn the token). */
  peek(token: string): SetupPurpose | null {
    const row = this.db
      .select({ purpose: setupTokens.purpose })
      .from(setupTokens)
      .where(and(eq(setupTokens.tokenHash, hashToken(token)), gt(setupTokens.expiresAt, this.clock())))
      .get();
    return row?.purpose === "setup" || row?.purpose === "reset" ? row.purpose : null;
  }

  /** Uses a token up; true when it was valid. Call inside the transaction that acts on it. */
  consume(db: Pick<Db, "delete">, token: string, purpose: SetupPurpose): boolean {
    const gone = db
      .delete(setupTokens)
      .where(
        and(
          eq(setupTokens.tokenHash, hashToken(token)),
          eq(setupTokens.purpose, purpose),
          gt(setupTokens.expiresAt, this.clock()),
        ),
      )
      .returning({ hash: setupTokens.tokenHash })
      .get();
    return gone !== undefined;
  }

  /** Forgets every token of a purpose (e.g. setup tokens once the admin exists). */
  clear(db: Pick<Db, "delete">, purpose: SetupPurpose): void {
    db.delete(setupTokens).where(eq(setupTokens.purpose, purpose)).run();
  }
}

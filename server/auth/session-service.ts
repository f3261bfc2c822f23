import { and, eq, lte, ne } from "drizzle-orm";
import { type Db, isDatabaseBusy } from "../../db/connection.ts";
import { sessions, users } from "../../db/schema/index.ts";
import type { Clock } from "./clock.ts";
import { generateToken, hashToken } from "./tokens.ts";

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A session is extended once less than half of its lifetime is left (sliding expiry). */
const REFRESH_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export interface ValidSession {
  id: string;
  userId: number;
  username: string;
  expiresAt: number;
  /** True when this validation extended the expiry: the cookie must be sent again. */
  refreshed: boolean;
}

export interface CreatedSession {
  token: string;
  id: string;
  expiresAt: number;
}

/** Called with the ids of sessions that ended (logout, password change, expiry) so their sockets close. */
export type SessionsEndedListener = (sessionIds: string[]) => void;

/** Sessions after Lucia's guide: the id is the SHA-256 of the token; the token lives only in the cookie. */
export class SessionService {
  private readonly listeners = new Set<SessionsEndedListener>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  onSessionsEnded(listener: SessionsEndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(userId: number): CreatedSession {
    const token = generateToken();
    const id = hashToken(token);
    const now = this.clock();
    const expiresAt = now + SESSION_LIFETIME_MS;
    this.db.insert(sessions).values({ id, userId, expiresAt, createdAt: now }).run();
    return { token, id, expiresAt };
  }

  /** The session for a cookie token, extended when half used; null (and deleted) when expired. */
  validate(token: string): ValidSession | null {
    const id = hashToken(token);
    const row = this.db
      .select({
        id: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        username: users.username,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id))
      .get();
    if (!row) return null;
    const now = this.clock();
    if (now >= row.expiresAt) {
      this.end(row.id);
      return null;
    }
    if (row.expiresAt - now >= REFRESH_WHEN_LEFT_MS) return { ...row, refreshed: false };
    const expiresAt = now + SESSION_LIFETIME_MS;
    try {
      this.db.update(sessions).set({ expiresAt }).where(eq(sessions.id, row.id)).run();
    } catch (error) {
      // The session is still valid: with the database locked by another program, a later call extends it.
      if (!isDatabaseBusy(error)) throw error;
      return { ...row, refreshed: false };
    }
    return { ...row, expiresAt, refreshed: true };
  }

  end(sessionId: string): void {
    const gone = this.db
      .delete(sessions)
      .where(eq(sessions.id, sessionId))
      .returning({ id: sessions.id })
      .all();
    this.announce(gone.map((r) => r.id));
  }

  /** Ends every session of the user, except `keep` (the caller's own, after a password change). */
  endAllForUser(userId: number, keep?: string): void {
    const where = keep
      ? and(eq(sessions.userId, userId), ne(sessions.id, keep))
      : eq(sessions.userId, userId);
    const gone = this.db.delete(sessions).where(where).returning({ id: sessions.id }).all();
    this.announce(gone.map((r) => r.id));
  }

  /** Deletes expired sessions; run periodically so sockets of expired sessions close too. */
  sweepExpired(): number {
    const gone = this.db
      .delete(sessions)
      .where(lte(sessions.expiresAt, this.clock()))
      .returning({ id: sessions.id })
      .all();
    this.announce(gone.map((r) => r.id));
    return gone.length;
  }

  private announce(ids: string[]): void {
    if (ids.length === 0) return;
    for (const listener of this.listeners) listener(ids);
  }
}

import { and, desc, eq } from "drizzle-orm";
import { type Db, isDatabaseBusy } from "../../db/connection.ts";
import { apiKeys, users } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import type { Clock } from "./clock.ts";
import { generateToken, hashToken } from "./tokens.ts";

/** Keys look like `aw_<32 base32 chars>`; the prefix makes them recognisable in logs and secret scanners. */
const KEY_PREFIX = "aw_";
/** Shown in the list so the user can tell keys apart; far too short to guess the rest from. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
/** last_used_at is written at most this often per key, so a busy script does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * A verified key is remembered this long (by its hash, never the key itself), so a busy script costs one
 * map lookup per call instead of a join. Revoking a key drops it at once; the TTL only bounds how long a
 * change made outside this process (another process on the same database) can go unseen.
 */
const VERIFIED_TTL_MS = 30_000;
const VERIFIED_MAX = 1_000;

interface Verified {
  principal: ApiKeyPrincipal;
  lastUsedAt: number | null;
  verifiedAt: number;
}

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface ApiKeyPrincipal {
  apiKeyId: number;
  userId: number;
  username: string;
}

export type ApiKeyRevokedListener = (apiKeyId: number) => void;

/** API keys for scripts and the typed client: stored as SHA-256 only, shown once at creation. */
export class ApiKeyService {
  private readonly listeners = new Set<ApiKeyRevokedListener>();
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  onRevoked(listener: ApiKeyRevokedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(userId: number, name: string): ApiKeyInfo & { key: string } {
    const key = `${KEY_PREFIX}${generateToken()}`;
    const row = this.db
      .insert(apiKeys)
      .values({
        userId,
        name,
        keyHash: hashToken(key),
        prefix: key.slice(0, SHOWN_PREFIX_LENGTH),
        createdAt: this.clock(),
      })
      .returning()
      .get();
    return { ...toInfo(row), key };
  }

  list(userId: number): ApiKeyInfo[] {
    return this.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.userId, userId))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .all()
      .map(toInfo);
  }

  revoke(userId: number, id: number): void {
    const gone = this.db
      .delete(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
      .returning({ id: apiKeys.id })
      .get();
    if (!gone) throw new AppError("NOT_FOUND", "no such API key");
    for (const [hash, entry] of this.verified)
      if (entry.principal.apiKeyId === id) this.verified.delete(hash);
    for (const listener of this.listeners) listener(id);
  }

  /** The owner of a key, or null; records when the key was last used (at most once a minute). */
  authenticate(key: string): ApiKeyPrincipal | null {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const hash = hashToken(key);
    const now = this.clock();
    let entry = this.verified.get(hash);
    if (!entry || now - entry.verifiedAt >= VERIFIED_TTL_MS) {
      const found = this.lookup(hash);
      if (!found) {
        this.verified.delete(hash);
        return null;
      }
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      entry = { ...found, verifiedAt: now };
      this.verified.set(hash, entry);
    }
    if (entry.lastUsedAt === null || now - entry.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
      try {
        this.db
          .update(apiKeys)
          .set({ lastUsedAt: now })
          .where(eq(apiKeys.id, entry.principal.apiKeyId))
          .run();
        entry.lastUsedAt = now;
      } catch (error) {
        // Bookkeeping only: with the database locked by another program, the next call records it.
        if (!isDatabaseBusy(error)) throw error;
      }
    }
    return entry.principal;
  }

  private lookup(hash: string): Omit<Verified, "verifiedAt"> | null {
    const row = this.db
      .select({
        id: apiKeys.id,
        userId: apiKeys.userId,
        lastUsedAt: apiKeys.lastUsedAt,
        username: users.username,
      })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.keyHash, hash))
      .get();
    if (!row) return null;
    return {
      principal: { apiKeyId: row.id, userId: row.userId, username: row.username },
      lastUsedAt: row.lastUsedAt,
    };
  }
}

function toInfo(row: typeof apiKeys.$inferSelect): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}

import { asc, count, eq } from "drizzle-orm";
import type { Db } from "../connection.ts";
import { users } from "../schema/index.ts";

export type UserRow = typeof users.$inferSelect;

/** The users table. Aniworld has one account, the admin; the table allows more for later. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return this.db.select({ n: count() }).from(users).get()?.n ?? 0;
  }

  findByUsername(username: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  findById(id: number): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  /** The admin: the first account created. */
  admin(): UserRow | undefined {
    return this.db.select().from(users).orderBy(asc(users.id)).limit(1).get();
  }

  insert(username: string, passwordHash: string, now: number): UserRow {
    return this.db.insert(users).values({ username, passwordHash, createdAt: now }).returning().get();
  }

  updateCredentials(id: number, fields: { username?: string; passwordHash: string }): void {
    this.db.update(users).set(fields).where(eq(users.id, id)).run();
  }
}

import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import {
  CONNECTION_KINDS,
  type ConnectionKind,
  type ConnectionSettings,
  ConnectionSettingsSchema,
  type DeliveryResult,
} from "../../shared/connections.ts";
import type { Db } from "../connection.ts";
import { type ConnectionRow, connections } from "../schema/index.ts";

/** A stored connection with its secret: for the server's delivery code only, never for the API. */
export interface StoredConnection {
  id: number;
  name: string;
  kind: ConnectionKind;
  enabled: boolean;
  settings: ConnectionSettings;
  secret: string;
  lastResult: DeliveryResult | null;
}

export interface ConnectionWrite {
  name: string;
  kind: ConnectionKind;
  enabled: boolean;
  settings: ConnectionSettings;
}

/** The only writer of the `connections` table (db/schema/connections.ts). */
export class ConnectionRepository {
  constructor(private readonly db: Db) {}

  list(): StoredConnection[] {
    return this.db
      .select()
      .from(connections)
      .orderBy(asc(connections.id))
      .all()
      .flatMap((row) => toStored(row) ?? []);
  }

  get(id: number): StoredConnection | null {
    const row = this.db.select().from(connections).where(eq(connections.id, id)).get();
    return row ? toStored(row) : null;
  }

  /** `secret` undefined keeps the saved one (on update) or stores none (on create). */
  create(write: ConnectionWrite, secret: string | undefined): StoredConnection {
    const now = Date.now();
    const row = this.db
      .insert(connections)
      .values({ ...write, secret: secret ?? "", createdAt: now, updatedAt: now })
      .returning()
      .get();
    return toStored(row) ?? unreadable(row.id);
  }

  update(id: number, write: ConnectionWrite, secret: string | undefined): StoredConnection | null {
    const row = this.db
      .update(connections)
      .set({ ...write, ...(secret === undefined ? {} : { secret }), updatedAt: Date.now() })
      .where(eq(connections.id, id))
      .returning()
      .get();
    return row ? toStored(row) : null;
  }

  delete(id: number): boolean {
    return this.db.delete(connections).where(eq(connections.id, id)).returning().all().length > 0;
  }

  recordResult(id: number, result: DeliveryResult): void {
    this.db
      .update(connections)
      .set({
        lastOk: result.ok,
        lastAt: result.at,
        lastWhat: result.what,
        lastMessage: result.message,
        lastAttempts: result.attempts,
      })
      .where(eq(connections.id, id))
      .run();
  }
}

function unreadable(id: number): never {
  throw new Error(`connection ${id} was written but cannot be read back`);
}

/** Rows whose kind or settings no longer validate are skipped (and so never delivered to). */
function toStored(row: ConnectionRow): StoredConnection | null {
  const settings = v.safeParse(ConnectionSettingsSchema, row.settings);
  const kind = CONNECTION_KINDS.find((k) => k === row.kind);
  if (!settings.success || !kind) return null;
  return {
    id: row.id,
    name: row.name,
    kind,
    enabled: row.enabled,
    settings: settings.output,
    secret: row.secret,
    lastResult:
      row.lastAt === null
        ? null
        : {
            ok: row.lastOk === true,
            at: row.lastAt,
            what: row.lastWhat ?? "",
            message: row.lastMessage ?? "",
            attempts: row.lastAttempts ?? 0,
          },
  };
}

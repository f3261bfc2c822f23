import type { Database, Statement } from "bun:sqlite";
import { and, asc, eq, gt, inArray, max } from "drizzle-orm";
import type { DomainEvent, DomainEventType, StoredEvent } from "../shared/events.ts";
import type { Db } from "./connection.ts";
import { events } from "./schema/index.ts";

/** The handle to use inside EventsService.transact (the same connection, inside its transaction). */
export type Tx = Db;
export type RecordEvent = (event: DomainEvent) => StoredEvent;
export type TransactWork<T> = (tx: Tx, record: RecordEvent) => T;

/** What a repository needs from the events service: state changes and event appends in one transaction. */
export interface EventTransactions {
  transact<T>(work: TransactWork<T>): T;
}

/** The bun:sqlite connection under a drizzle handle (drizzle keeps it as `$client`). */
export function sqliteOf(db: Db): Database {
  return (db as unknown as { $client: Database }).$client;
}

/** The append-only event log in the `events` table. Ids only grow; they are the subscriptions' resume tokens. */
export class EventLog {
  // Appends are the hottest write of the app: a prepared statement, not a query built per call.
  private readonly insert: Statement<{ id: number }, [string, number | null, string, number]>;

  constructor(private readonly db: Db) {
    this.insert = sqliteOf(db).prepare(
      "INSERT INTO events (topic, series_id, payload, at) VALUES (?, ?, ?, ?) RETURNING id",
    );
  }

  /** Appends on the shared connection; called inside the caller's transaction (see EventsService.transact). */
  append(event: DomainEvent, at = Date.now()): StoredEvent {
    const row = this.insert.get(event.type, event.seriesId, JSON.stringify(event), at);
    if (!row) throw new Error("event insert returned no row");
    return { id: row.id, at, event };
  }

  /** Events with id > `afterId` of the given topics (optionally of one series), oldest first. */
  replay(
    afterId: number,
    topics: readonly DomainEventType[],
    seriesId?: number,
    limit = 10_000,
  ): StoredEvent[] {
    const where = and(
      gt(events.id, afterId),
      inArray(events.topic, [...topics]),
      seriesId === undefined ? undefined : eq(events.seriesId, seriesId),
    );
    return this.db
      .select()
      .from(events)
      .where(where)
      .orderBy(asc(events.id))
      .limit(limit)
      .all()
      .map((r) => ({ id: r.id, at: r.at, event: r.payload as DomainEvent }));
  }

  lastId(): number {
    return (
      this.db
        .select({ id: max(events.id) })
        .from(events)
        .get()?.id ?? 0
    );
  }
}

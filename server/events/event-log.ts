import { and, asc, eq, gt, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { events } from "../../db/schema/index.ts";
import type { DomainEvent, DomainEventType, StoredEvent } from "../../shared/events.ts";

/** A drizzle transaction handle (what `db.transaction` passes to its callback). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The append-only event log in the `events` table. Ids only grow; they are the subscriptions' resume tokens. */
export class EventLog {
  constructor(private readonly db: Db) {}

  /** Appends inside the caller's transaction, so the event commits together with the state it describes. */
  append(tx: Db | Tx, event: DomainEvent, at = Date.now()): StoredEvent {
    const row = tx
      .insert(events)
      .values({ topic: event.type, seriesId: event.seriesId, payload: event, at })
      .returning({ id: events.id })
      .get();
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

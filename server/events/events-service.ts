import type { Db } from "../../db/connection.ts";
import type { DomainEvent, StoredEvent } from "../../shared/events.ts";
import { EventBus, type EventListener } from "./event-bus.ts";
import { EventLog, sqliteOf, type Tx } from "./event-log.ts";

export type RecordEvent = (event: DomainEvent) => StoredEvent;

/**
 * Persist, then publish: `transact` runs state changes and event appends in one SQLite transaction and
 * publishes the recorded events only after it committed. A rolled-back change publishes nothing.
 */
export class EventsService {
  readonly log: EventLog;
  readonly bus: EventBus;

  /** Built once: creating a bun:sqlite transaction function prepares its BEGIN/COMMIT statements. */
  private readonly inTransaction: (work: () => unknown) => unknown;

  constructor(
    private readonly db: Db,
    onListenerError?: (error: unknown) => void,
  ) {
    this.inTransaction = sqliteOf(db).transaction((work: () => unknown) => work());
    this.log = new EventLog(db);
    this.bus = new EventBus(onListenerError);
  }

  transact<T>(work: (tx: Tx, record: RecordEvent) => T): T {
    const recorded: StoredEvent[] = [];
    // bun:sqlite's own transaction (BEGIN/COMMIT, nested → savepoint) costs a fraction of drizzle's wrapper;
    // drizzle queries on the same connection inside it take part in it.
    const result = this.inTransaction(() =>
      work(this.db, (event) => {
        const stored = this.log.append(event);
        recorded.push(stored);
        return stored;
      }),
    ) as T;
    for (const stored of recorded) this.bus.publish(stored);
    return result;
  }

  /** Records one event on its own (no other state change). */
  emit(event: DomainEvent): StoredEvent {
    return this.transact((_tx, record) => record(event));
  }

  subscribe(listener: EventListener): () => void {
    return this.bus.subscribe(listener);
  }
}

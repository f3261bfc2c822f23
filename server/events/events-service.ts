import { type Db, isDatabaseBusy } from "../../db/connection.ts";
import {
  EventLog,
  type EventTransactions,
  type RecordEvent,
  sqliteOf,
  type TransactWork,
} from "../../db/event-log.ts";
import { WalCheckpointer } from "../../db/wal-checkpointer.ts";
import type { DomainEvent, StoredEvent } from "../../shared/events.ts";
import { EventBus, type EventListener } from "./event-bus.ts";
import { GroupCommit } from "./group-commit.ts";

/**
 * Persist, then publish: `transact` runs state changes and event appends in one SQLite transaction and
 * publishes the recorded events only after it committed. A rolled-back change publishes nothing.
 * `submit` does the same but shares one transaction with every other submission of the event-loop turn
 * (group commit: BEGIN/COMMIT and the WAL pages are paid once per turn, not once per write).
 */
export class EventsService implements EventTransactions {
  readonly log: EventLog;
  readonly bus: EventBus;

  /** Built once: creating a bun:sqlite transaction function prepares its BEGIN/COMMIT statements. */
  private readonly inTransaction: (work: () => unknown) => unknown;
  /** Events recorded by the innermost transaction in progress (null: none is). */
  private open: StoredEvent[] | null = null;
  private readonly group: GroupCommit;
  /** Events handed to live streams (subscriptions) since the last group commit asked. */
  private streamed = 0;
  private readonly checkpoints: WalCheckpointer;
  private readonly record: RecordEvent = (event) => {
    const stored = this.log.append(event);
    // transact() always sets `open` before running work that gets this function.
    this.open?.push(stored);
    return stored;
  };

  constructor(
    private readonly db: Db,
    onListenerError?: (error: unknown) => void,
    /** How long group-committed writes keep retrying while another process holds the lock. */
    busyGiveUpAfterMs = 30_000,
  ) {
    this.inTransaction = sqliteOf(db).transaction((work: () => unknown) => work());
    this.checkpoints = new WalCheckpointer(sqliteOf(db));
    this.log = new EventLog(db);
    this.bus = new EventBus(onListenerError);
    this.group = new GroupCommit(
      (run) => this.transact(run),
      { isBusy: isDatabaseBusy, firstDelayMs: 25, maxDelayMs: 1_000, giveUpAfterMs: busyGiveUpAfterMs },
      undefined,
      () => {
        const streamed = this.streamed > 0;
        this.streamed = 0;
        return streamed;
      },
    );
  }

  /**
   * Runs `work` in a transaction now. Nested in another transact (or a group commit) it is a savepoint:
   * its failure undoes only its own writes and events, and its events are published with the outer commit.
   */
  transact<T>(work: TransactWork<T>): T {
    const outer = this.open;
    const recorded: StoredEvent[] = [];
    this.open = recorded;
    let result: T;
    try {
      // bun:sqlite's own transaction (BEGIN/COMMIT, nested → savepoint) costs a fraction of drizzle's
      // wrapper; drizzle queries on the same connection inside it take part in it.
      result = this.inTransaction(() => work(this.db, this.record)) as T;
    } finally {
      this.open = outer;
    }
    if (outer) outer.push(...recorded);
    else {
      this.checkpoints.committed();
      for (const stored of recorded) this.bus.publish(stored);
    }
    return result;
  }

  /**
   * Runs `work` in the next group commit: resolves with its result once that transaction committed and
   * its events were published (in id order); rejects with its own error (its savepoint rolled back,
   * the other writes of the group go on) or with the commit's.
   */
  submit<T>(work: TransactWork<T>): Promise<T> {
    return this.group.submit(() => this.transact(work));
  }

  /** Commits the writes waiting for the group commit now (before closing the connection). */
  commitPending(): void {
    this.group.flush();
  }

  /** Records one event on its own (no other state change). */
  emit(event: DomainEvent): StoredEvent {
    return this.transact((_tx, record) => record(event));
  }

  /** Publishes a live tick (download bytes, scan progress) through the same stream, without storing it. */
  publishLive(event: DomainEvent): void {
    this.bus.publish({ id: 0, at: Date.now(), event, live: true });
  }

  subscribe(listener: EventListener): () => void {
    return this.bus.subscribe(listener);
  }

  /** A live stream took an event to send (see streamEvents): the writers of its commit wait for the send. */
  noteStreamed(): void {
    this.streamed++;
  }
}

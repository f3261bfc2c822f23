import * as v from "valibot";
import type { Db } from "../../db/connection.ts";
import { ConnectionRepository, type StoredConnection } from "../../db/repositories/connection-repository.ts";
import { PendingDeliveryRepository } from "../../db/repositories/pending-delivery-repository.ts";
import type { PendingDeliveryRow } from "../../db/schema/index.ts";
import {
  type ConnectionCreateSchema,
  type ConnectionUpdateSchema,
  type ConnectionView,
  type DeliveryResult,
  isMediaServer,
  type NotificationEventName,
  type NotificationPayload,
  NotificationPayloadSchema,
} from "../../shared/connections.ts";
import { AppError } from "../../shared/errors.ts";
import { messageOf } from "../lib/error-message.ts";
import type { RetryPolicy } from "../lib/retry.ts";
import type { Sleep } from "../lib/sleep.ts";
import type { Logger } from "../logger.ts";
import { clientFor } from "./connection-clients.ts";
import { DEFAULT_DELIVERY_RETRY, DeliveryQueue } from "./delivery-queue.ts";
import { mapPath } from "./path-mapping.ts";

export interface ConnectionServiceOptions {
  db: Db;
  logger: Logger;
  retry?: RetryPolicy;
  sleep?: Sleep;
}

/**
 * Media servers and notification targets: their settings (secrets write-only), "test", and the deliveries
 * themselves, which run in the background through the DeliveryQueue and record their last result.
 */
export class ConnectionService {
  readonly repo: ConnectionRepository;
  readonly queue: DeliveryQueue;
  readonly pending: PendingDeliveryRepository;
  /** What deliveries go to, read once per change of the table, not once per domain event. */
  private targets: StoredConnection[] | null = null;
  private readonly logger: Logger;

  constructor(o: ConnectionServiceOptions) {
    this.logger = o.logger;
    this.repo = new ConnectionRepository(o.db);
    this.pending = new PendingDeliveryRepository(o.db);
    this.queue = new DeliveryQueue({
      logger: o.logger,
      store: this.pending,
      policy: o.retry ?? DEFAULT_DELIVERY_RETRY,
      ...(o.sleep ? { sleep: o.sleep } : {}),
      onResult: (id, result) => this.repo.recordResult(id, result),
    });
  }

  list(): ConnectionView[] {
    return this.repo.list().map(toView);
  }

  /** True when at least one enabled connection exists (domain events are ignored otherwise). */
  hasEnabled(): boolean {
    return this.enabled().length > 0;
  }

  /** `input` was validated at the API boundary (the router's input schema). */
  create(input: v.InferOutput<typeof ConnectionCreateSchema>): ConnectionView {
    const { secret, name, kind, enabled, ...settings } = input;
    this.targets = null;
    return toView(this.repo.create({ name, kind, enabled, settings }, secret));
  }

  update(input: v.InferOutput<typeof ConnectionUpdateSchema>): ConnectionView {
    const { id, secret, name, kind, enabled, ...settings } = input;
    const existing = this.repo.get(id);
    if (!existing) throw new AppError("NOT_FOUND", `connection ${id} does not exist`);
    // A secret belongs to the kind and the server it was given for: changing either needs a new one.
    const keeps = secret === undefined && existing.kind === kind && existing.settings.url === settings.url;
    this.targets = null;
    const updated = this.repo.update(
      id,
      { name, kind, enabled, settings },
      keeps ? undefined : (secret ?? ""),
    );
    if (!updated) throw new AppError("NOT_FOUND", `connection ${id} does not exist`);
    return toView(updated);
  }

  remove(id: number): void {
    this.targets = null;
    if (!this.repo.delete(id)) throw new AppError("NOT_FOUND", `connection ${id} does not exist`);
  }

  /** Tries the connection once, now (no retries), and records the outcome as its last result. */
  async test(id: number): Promise<DeliveryResult> {
    const connection = this.repo.get(id);
    if (!connection) throw new AppError("NOT_FOUND", `connection ${id} does not exist`);
    const target = clientFor(connection);
    let result: DeliveryResult;
    try {
      const message =
        target.type === "media"
          ? await target.client.test()
          : await target.client.send(testPayload(connection.name));
      result = { ok: true, at: Date.now(), what: "test", message, attempts: 1 };
    } catch (error) {
      result = { ok: false, at: Date.now(), what: "test", message: messageOf(error), attempts: 1 };
    }
    this.repo.recordResult(id, result);
    return result;
  }

  /** Queues the payload for every enabled notifier that chose its event (stored until delivered). */
  notify(payload: NotificationPayload & { event: NotificationEventName }): void {
    for (const connection of this.enabled()) {
      if (isMediaServer(connection.kind) || !connection.settings.events.includes(payload.event)) continue;
      this.enqueueNew(connection, { kind: "notify", what: payload.event, payload });
    }
  }

  /**
   * Queues one refresh on every enabled media server: `changed` folders (absolute, as Aniworld sees them)
   * are rescanned, `gone` ones (renamed away or deleted) dropped.
   */
  refresh(folders: { changed: readonly string[]; gone?: readonly string[] }): void {
    for (const connection of this.enabled()) {
      if (!isMediaServer(connection.kind)) continue;
      const map = (folder: string) => mapPath(folder, connection.settings.pathMappings);
      const payload = { paths: folders.changed.map(map), gone: (folders.gone ?? []).map(map) };
      this.enqueueNew(connection, { kind: "refresh", what: "refresh", payload });
    }
  }

  /** Queues the deliveries a previous run left unfinished, each at its place in the backoff schedule. */
  resume(): number {
    const dropped: number[] = [];
    let resumed = 0;
    for (const row of this.pending.deliveries()) {
      const connection = row.connectionId === null ? null : this.repo.get(row.connectionId);
      const work = storedWork(row);
      if (!work)
        this.logger.warn("a stored delivery is unreadable and was dropped", { id: row.id, kind: row.kind });
      if (!connection?.enabled || !work || !this.enqueue(connection, work, row)) dropped.push(row.id);
      else resumed++;
    }
    this.pending.remove(dropped);
    return resumed;
  }

  /** Stores the delivery (so a restart resumes it), then queues it. */
  private enqueueNew(connection: StoredConnection, work: Work): void {
    const storedId = this.pending.add({ ...work, connectionId: connection.id, seriesId: null });
    this.enqueue(connection, work, { id: storedId });
  }

  /**
   * Queues the delivery with the one client that serves all its attempts; false when the work does not
   * fit the connection (a stored row whose connection changed kind since).
   */
  private enqueue(
    connection: StoredConnection,
    work: Work,
    stored: { id: number; attempts?: number; dueAt?: number },
  ): boolean {
    const target = clientFor(connection);
    let run: (signal: AbortSignal) => Promise<string>;
    if (work.kind === "refresh" && target.type === "media")
      run = (signal) =>
        target.client.refresh({ changed: work.payload.paths, gone: work.payload.gone }, signal);
    else if (work.kind === "notify" && target.type === "notifier")
      run = (signal) => target.client.send(work.payload, signal);
    else return false;
    this.queue.enqueue({
      connectionId: connection.id,
      connectionName: connection.name,
      what: work.what,
      run,
      storedId: stored.id,
      ...(stored.attempts === undefined ? {} : { attemptsMade: stored.attempts }),
      ...(stored.dueAt === undefined ? {} : { dueAt: stored.dueAt }),
    });
    return true;
  }

  private enabled(): StoredConnection[] {
    this.targets ??= this.repo.list().filter((c) => c.enabled);
    return this.targets;
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }
}

/** What one delivery does: the payload as the service built it, or as it was read back from its row. */
type Work =
  | { kind: "notify"; what: string; payload: NotificationPayload }
  | { kind: "refresh"; what: string; payload: { paths: string[]; gone: string[] } };

/** `paths`: the folders to rescan; `gone`: the ones renamed away or deleted (none when absent). */
const StoredRefreshSchema = v.object({
  paths: v.array(v.string()),
  gone: v.optional(v.array(v.string()), []),
});

/** A stored row read back after a restart, checked like any input; null when it is not what we wrote. */
function storedWork(row: PendingDeliveryRow): Work | null {
  if (row.kind === "notify") {
    const parsed = v.safeParse(NotificationPayloadSchema, row.payload);
    return parsed.success ? { kind: "notify", what: row.what, payload: parsed.output } : null;
  }
  if (row.kind === "refresh") {
    const parsed = v.safeParse(StoredRefreshSchema, row.payload);
    return parsed.success ? { kind: "refresh", what: row.what, payload: parsed.output } : null;
  }
  return null;
}

function toView(c: StoredConnection): ConnectionView {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    enabled: c.enabled,
    ...c.settings,
    secretSet: c.secret.length > 0,
    lastResult: c.lastResult,
  };
}

function testPayload(name: string): NotificationPayload {
  return {
    schema: 1,
    event: "test",
    at: new Date().toISOString(),
    title: "Aniworld test notification",
    message: `The connection "${name}" works.`,
    series: null,
    episode: null,
    error: null,
    count: null,
    check: null,
  };
}

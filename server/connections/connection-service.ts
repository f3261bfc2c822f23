import * as v from "valibot";
import type { Db } from "../../db/connection.ts";
import { ConnectionRepository, type StoredConnection } from "../../db/repositories/connection-repository.ts";
import { PendingDeliveryRepository } from "../../db/repositories/pending-delivery-repository.ts";
import type { PendingDeliveryRow } from "../../db/schema/index.ts";
import {
  ConnectionCreateSchema,
  ConnectionUpdateSchema,
  type ConnectionView,
  type DeliveryResult,
  type NotificationEventName,
  type NotificationPayload,
} from "../../shared/connections.ts";
import { AppError } from "../../shared/errors.ts";
import type { RetryPolicy } from "../lib/retry.ts";
import type { Sleep } from "../lib/sleep.ts";
import type { Logger } from "../logger.ts";
import { type ConnectionTarget, clientFor } from "./connection-clients.ts";
import { DEFAULT_DELIVERY_RETRY, DeliveryQueue, messageOf } from "./delivery-queue.ts";
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

  constructor(o: ConnectionServiceOptions) {
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

  create(input: unknown): ConnectionView {
    const parsed = parseOrThrow(ConnectionCreateSchema, input);
    const { secret, name, kind, enabled, ...settings } = parsed;
    this.targets = null;
    return toView(this.repo.create({ name, kind, enabled, settings }, secret));
  }

  update(input: unknown): ConnectionView {
    const parsed = parseOrThrow(ConnectionUpdateSchema, input);
    const { id, secret, name, kind, enabled, ...settings } = parsed;
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
      if (!connection.settings.events.includes(payload.event)) continue;
      if (clientFor(connection).type !== "notifier") continue;
      const write = { kind: "notify", connectionId: connection.id, what: payload.event, payload } as const;
      this.enqueueStored(connection, { ...write, storedId: this.pending.add({ ...write, seriesId: null }) });
    }
  }

  /** Queues one refresh of `folder` (absolute, as Aniworld sees it) on every enabled media server. */
  refresh(folder: string): void {
    for (const connection of this.enabled()) {
      if (clientFor(connection).type !== "media") continue;
      const payload = { paths: [mapPath(folder, connection.settings.pathMappings)] };
      const write = { kind: "refresh", connectionId: connection.id, what: "refresh", payload } as const;
      this.enqueueStored(connection, { ...write, storedId: this.pending.add({ ...write, seriesId: null }) });
    }
  }

  /** Queues the deliveries a previous run left unfinished, each at its place in the backoff schedule. */
  resume(): number {
    const rows = this.pending.deliveries();
    const dropped: number[] = [];
    let resumed = 0;
    for (const row of rows) {
      const connection = row.connectionId === null ? null : this.repo.get(row.connectionId);
      if (!connection?.enabled || !this.enqueueStored(connection, storedDelivery(row))) dropped.push(row.id);
      else resumed++;
    }
    this.pending.remove(dropped);
    return resumed;
  }

  /** Builds the delivery's work from what is stored; false when it does not fit the connection any more. */
  private enqueueStored(connection: StoredConnection, d: StoredDelivery): boolean {
    const run = workOf(clientFor(connection), d);
    if (!run) return false;
    this.queue.enqueue({
      connectionId: connection.id,
      connectionName: connection.name,
      what: d.what,
      run,
      storedId: d.storedId,
      ...(d.attemptsMade === undefined ? {} : { attemptsMade: d.attemptsMade }),
      ...(d.dueAt === undefined ? {} : { dueAt: d.dueAt }),
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

interface StoredDelivery {
  kind: "notify" | "refresh";
  what: string;
  payload: unknown;
  storedId: number;
  attemptsMade?: number;
  dueAt?: number;
}

function storedDelivery(row: PendingDeliveryRow): StoredDelivery {
  return {
    kind: row.kind === "notify" ? "notify" : "refresh",
    what: row.what,
    payload: row.payload,
    storedId: row.id,
    attemptsMade: row.attempts,
    dueAt: row.dueAt,
  };
}

const StoredRefreshSchema = v.object({ paths: v.array(v.string()) });
const StoredNotificationSchema = v.looseObject({
  schema: v.literal(1),
  event: v.string(),
  title: v.string(),
});

/** The delivery's work for this connection, or null when the stored payload does not fit it. */
function workOf(
  target: ConnectionTarget,
  d: StoredDelivery,
): ((signal: AbortSignal) => Promise<string>) | null {
  if (d.kind === "refresh" && target.type === "media") {
    const parsed = v.safeParse(StoredRefreshSchema, d.payload);
    return parsed.success ? (signal) => target.client.refresh(parsed.output.paths, signal) : null;
  }
  if (d.kind === "notify" && target.type === "notifier") {
    if (!v.is(StoredNotificationSchema, d.payload)) return null;
    // Written by notify() from a NotificationPayload; the check above guards against a foreign row.
    const payload = d.payload as unknown as NotificationPayload;
    return (signal) => target.client.send(payload, signal);
  }
  return null;
}

function parseOrThrow<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return parsed.output;
  throw new AppError("BAD_REQUEST", `invalid connection: ${parsed.issues.map((i) => i.message).join("; ")}`);
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

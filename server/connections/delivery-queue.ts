import type { DeliveryResult } from "../../shared/connections.ts";
import { messageOf } from "../lib/error-message.ts";
import { type RetryPolicy, settleWithRetry } from "../lib/retry.ts";
import { type Sleep, sleep } from "../lib/sleep.ts";
import type { Logger } from "../logger.ts";

export interface Delivery {
  connectionId: number;
  connectionName: string;
  /** A notification event name, "refresh" or "test". */
  what: string;
  /** Does the delivery; `signal` aborts it when the queue stops. */
  run: (signal: AbortSignal) => Promise<string>;
  /** Its row in pending_deliveries (kept until delivered or given up, so a restart resumes it). */
  storedId?: number;
  /** Attempts made before (a resumed delivery keeps its place in the backoff schedule). */
  attemptsMade?: number;
  /** When the next attempt is due (epoch ms); a resumed delivery waits until then. */
  dueAt?: number;
}

/** Where the queue records its progress: the pending_deliveries rows of the deliveries. */
export interface DeliveryStore {
  attempted(id: number, attempts: number, dueAt: number): void;
  remove(ids: readonly number[]): void;
}

export interface DeliveryQueueOptions {
  logger: Logger;
  policy: RetryPolicy;
  onResult: (connectionId: number, result: DeliveryResult) => void;
  store?: DeliveryStore;
  sleep?: Sleep;
  /** Deliveries waiting per connection before the oldest are dropped (a receiver down for days). */
  maxWaiting?: number;
}

/** Six attempts over about two and a half minutes, then the delivery is given up and reported. */
export const DEFAULT_DELIVERY_RETRY: RetryPolicy = { attempts: 6, baseMs: 5_000, maxMs: 60_000 };

/**
 * Runs deliveries in the background: `enqueue` returns at once, so the work that caused an event never
 * waits for a receiver. Each connection's deliveries run one after another, in order; failures are
 * retried with backoff (server/lib/retry.ts) and the outcome of each is reported through `onResult`.
 */
export class DeliveryQueue {
  private readonly waiting = new Map<number, Delivery[]>();
  private readonly running = new Map<number, Promise<void>>();
  private readonly stopper = new AbortController();

  constructor(private readonly o: DeliveryQueueOptions) {}

  enqueue(delivery: Delivery): void {
    if (this.stopper.signal.aborted) return;
    const list = this.waiting.get(delivery.connectionId) ?? [];
    list.push(delivery);
    const max = this.o.maxWaiting ?? 500;
    if (list.length > max) {
      const dropped = list.splice(0, list.length - max);
      this.forget(dropped);
      this.o.logger.warn("deliveries dropped: the receiver is not keeping up", {
        connection: delivery.connectionName,
        dropped: dropped.length,
      });
    }
    this.waiting.set(delivery.connectionId, list);
    if (!this.running.has(delivery.connectionId)) this.drain(delivery.connectionId);
  }

  /** Resolves when nothing is waiting or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Stops retry waits and requests in flight; what is stored stays for the next start. */
  async stop(): Promise<void> {
    this.stopper.abort(new Error("shutting down"));
    this.waiting.clear();
    await Promise.allSettled(this.running.values());
  }

  private drain(connectionId: number): void {
    const done = (async () => {
      for (let next = this.shift(connectionId); next; next = this.shift(connectionId))
        await this.deliver(next);
    })().finally(() => this.running.delete(connectionId));
    this.running.set(connectionId, done);
  }

  private shift(connectionId: number): Delivery | undefined {
    const list = this.waiting.get(connectionId);
    const next = list?.shift();
    if (list && list.length === 0) this.waiting.delete(connectionId);
    return next;
  }

  private forget(deliveries: readonly Delivery[]): void {
    const ids = deliveries.flatMap((d) => (d.storedId === undefined ? [] : [d.storedId]));
    try {
      this.o.store?.remove(ids);
    } catch (error) {
      this.o.logger.error("removing finished deliveries failed", { error });
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const signal = this.stopper.signal;
    const sleepFor = this.o.sleep ?? sleep;
    try {
      const wait = (delivery.dueAt ?? 0) - Date.now();
      if (wait > 0) await sleepFor(wait, signal);
    } catch {
      return; // stopped before it was due: it stays stored
    }
    const outcome = await settleWithRetry(() => delivery.run(signal), this.o.policy, {
      signal,
      sleep: sleepFor,
      firstAttempt: (delivery.attemptsMade ?? 0) + 1,
      onRetry: ({ attempt, delayMs, error }) => {
        this.record(delivery, attempt, Date.now() + delayMs);
        this.o.logger.warn("delivery failed, retrying", {
          connection: delivery.connectionName,
          what: delivery.what,
          attempt,
          delayMs,
          error: messageOf(error),
        });
      },
    });
    // Stopped mid-delivery: it stays stored as it is and resumes at the next start.
    if (!outcome.ok && signal.aborted) return;
    const at = Date.now();
    const { attempts } = outcome;
    const result: DeliveryResult = outcome.ok
      ? { ok: true, at, what: delivery.what, message: outcome.value, attempts }
      : { ok: false, at, what: delivery.what, message: messageOf(outcome.error), attempts };
    if (!outcome.ok)
      this.o.logger.warn("delivery failed", {
        connection: delivery.connectionName,
        what: delivery.what,
        attempts,
        error: result.message,
      });
    this.forget([delivery]);
    try {
      this.o.onResult(delivery.connectionId, result);
    } catch (error) {
      this.o.logger.error("recording a delivery result failed", { error });
    }
  }

  private record(delivery: Delivery, attempts: number, dueAt: number): void {
    if (delivery.storedId === undefined) return;
    try {
      this.o.store?.attempted(delivery.storedId, attempts, dueAt);
    } catch (error) {
      this.o.logger.warn("recording a delivery attempt failed", { error });
    }
  }
}

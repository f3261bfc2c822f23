import type { DeliveryResult } from "../../shared/connections.ts";
import { type RetryPolicy, withRetry } from "../lib/retry.ts";
import { type Sleep, sleep } from "../lib/sleep.ts";
import type { Logger } from "../logger.ts";

export interface Delivery {
  connectionId: number;
  connectionName: string;
  /** A notification event name, "refresh" or "test". */
  what: string;
  /** Does the delivery; `signal` aborts it when the queue stops. */
  run: (signal: AbortSignal) => Promise<string>;
}

export interface DeliveryQueueOptions {
  logger: Logger;
  policy: RetryPolicy;
  onResult: (connectionId: number, result: DeliveryResult) => void;
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

  /** Stops retry waits and requests in flight, and drops what is waiting. */
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

  private async deliver(delivery: Delivery): Promise<void> {
    let attempts = 0;
    const signal = this.stopper.signal;
    let result: DeliveryResult;
    try {
      const message = await withRetry(
        () => {
          attempts++;
          return delivery.run(signal);
        },
        this.o.policy,
        {
          signal,
          sleep: this.o.sleep ?? sleep,
          onRetry: ({ delayMs, error }) =>
            this.o.logger.warn("delivery failed, retrying", {
              connection: delivery.connectionName,
              what: delivery.what,
              attempt: attempts,
              delayMs,
              error: messageOf(error),
            }),
        },
      );
      result = { ok: true, at: Date.now(), what: delivery.what, message, attempts };
    } catch (error) {
      if (signal.aborted) return;
      result = { ok: false, at: Date.now(), what: delivery.what, message: messageOf(error), attempts };
      this.o.logger.warn("delivery failed", {
        connection: delivery.connectionName,
        what: delivery.what,
        attempts,
        error: result.message,
      });
    }
    try {
      this.o.onResult(delivery.connectionId, result);
    } catch (error) {
      this.o.logger.error("recording a delivery result failed", { error });
    }
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

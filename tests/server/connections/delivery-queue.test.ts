import { expect, test } from "bun:test";
import { DeliveryQueue } from "../../../server/connections/delivery-queue.ts";
import { createLogger } from "../../../server/logger.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import type { DeliveryResult } from "../../../shared/connections.ts";

const logger = createLogger({ level: "error", json: true, write: () => {} });

function queue(results: [number, DeliveryResult][], waits: number[] = []) {
  return new DeliveryQueue({
    logger,
    policy: { attempts: 4, baseMs: 100, maxMs: 250 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    onResult: (id, result) => results.push([id, result]),
  });
}

test("retries with backoff until it works; a non-retryable failure is reported at once", async () => {
  const results: [number, DeliveryResult][] = [];
  const waits: number[] = [];
  const q = queue(results, waits);
  let calls = 0;
  q.enqueue({
    connectionId: 1,
    connectionName: "a",
    what: "episode.downloaded",
    run: async () => {
      if (++calls < 3) throw new ProviderError("a", 503, "a answered 503");
      return "accepted";
    },
  });
  q.enqueue({
    connectionId: 2,
    connectionName: "b",
    what: "series.added",
    run: async () => {
      throw new ProviderError("b", 401, "b answered 401");
    },
  });
  await q.idle();
  expect(waits).toEqual([100, 200]);
  expect(results.map(([id, r]) => [id, r.ok, r.attempts, r.message])).toEqual([
    [2, false, 1, "b answered 401"],
    [1, true, 3, "accepted"],
  ]);
});

test("one connection's deliveries run in order, one at a time", async () => {
  const results: [number, DeliveryResult][] = [];
  const q = queue(results);
  const order: string[] = [];
  let running = 0;
  for (const what of ["first", "second", "third"])
    q.enqueue({
      connectionId: 7,
      connectionName: "c",
      what,
      run: async () => {
        running++;
        expect(running).toBe(1);
        await Bun.sleep(1);
        order.push(what);
        running--;
        return what;
      },
    });
  await q.idle();
  expect(order).toEqual(["first", "second", "third"]);
});

test("stop aborts a request in flight instead of waiting for the receiver", async () => {
  const results: [number, DeliveryResult][] = [];
  const q = queue(results);
  let aborted = false;
  let started: () => void = () => {};
  const inFlight = new Promise<void>((r) => {
    started = r;
  });
  q.enqueue({
    connectionId: 3,
    connectionName: "hangs",
    what: "refresh",
    run: (signal) =>
      new Promise((_, reject) => {
        started();
        signal.addEventListener("abort", () => {
          aborted = true;
          reject(signal.reason);
        });
      }),
  });
  await inFlight;
  await q.stop();
  expect(aborted).toBe(true);
  // A stopped queue records nothing for the aborted delivery and takes no new ones.
  q.enqueue({ connectionId: 3, connectionName: "hangs", what: "refresh", run: async () => "late" });
  await q.idle();
  expect(results).toEqual([]);
});

import { expect, test } from "bun:test";
import { stallWatch } from "../../../../server/downloads/transfer/stall-watch.ts";
import { TransferError } from "../../../../server/downloads/transfer/transfer-error.ts";

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener("abort", () => resolve(signal.reason)));

const tooLarge = () => new TransferError("unsupported", "too large");

test("a probed body that keeps growing is never a stall, and one past the limit is aborted as too large", async () => {
  let bytes = 0;
  const watch = stallWatch(80, undefined, { bytes: () => (bytes += 100), max: 1_000, tooLarge });
  const reason = await aborted(watch.signal);
  watch.stop();
  expect(reason).toBeInstanceOf(TransferError);
  expect((reason as TransferError).reason).toBe("unsupported");
  expect(watch.stalled()?.reason).toBe("unsupported");
  // It only gave up once the body had passed the limit, not on a stall in between.
  expect(bytes).toBeGreaterThan(1_000);
});

test("a probed body that stops growing is a stall", async () => {
  const watch = stallWatch(80, undefined, { bytes: () => 500, max: 1_000, tooLarge });
  const reason = await aborted(watch.signal);
  watch.stop();
  expect((reason as TransferError).reason).toBe("stall");
});

test("the caller's abort reaches the watch's signal", async () => {
  const outer = new AbortController();
  const watch = stallWatch(60_000, outer.signal);
  const reason = aborted(watch.signal);
  outer.abort(new Error("cancelled"));
  expect(String(await reason)).toContain("cancelled");
  expect(watch.stalled()).toBeNull();
  watch.stop();
});

test("time held back by our own bandwidth limit is not a stall; the stall window starts again after it", async () => {
  const watch = stallWatch(60, undefined);
  const started = performance.now();
  await watch.held(Bun.sleep(300));
  expect(watch.stalled()).toBeNull();
  // With no byte after the hold, it is a stall again, counted from the hold's end.
  const reason = await aborted(watch.signal);
  watch.stop();
  expect((reason as TransferError).reason).toBe("stall");
  expect(performance.now() - started).toBeGreaterThanOrEqual(300);
});

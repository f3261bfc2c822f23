import { TransferError } from "./transfer-error.ts";

/**
 * A body the runtime writes to a file by itself (no chunks pass through JavaScript): the watch reads how
 * far it got, and aborts when it passes `max` bytes.
 */
export interface WrittenBytesProbe {
  bytes(): number;
  max: number;
  tooLarge(): TransferError;
}

/** How often a probed body is looked at: also how far past `max` a fast server can get. */
const PROBE_MS = 100;

/**
 * Aborts a request when no bytes arrived for `stallMs`. `signal` combines the caller's signal with the
 * watchdog's; call `tick()` on every chunk seen, or pass a probe that reads the bytes written (or both), and
 * `stop()` when done. The probe also aborts once more than its `max` bytes are written. Time spent in
 * `held()` (our own bandwidth limit holding the transfer back) is never a stall.
 */
export function stallWatch(stallMs: number, outer: AbortSignal | undefined, probe?: WrittenBytesProbe) {
  const controller = new AbortController();
  // tick() runs once per chunk (thousands a second): it only counts; the timer looks at the clock.
  let ticks = 0;
  let seen = 0;
  let probed = 0;
  let holds = 0;
  let last = performance.now();
  const timer = setInterval(
    () => {
      const now = performance.now();
      if (probe) {
        const bytes = probe.bytes();
        if (bytes > probe.max) return controller.abort(probe.tooLarge());
        if (bytes !== probed) {
          probed = bytes;
          ticks++;
        }
      }
      if (ticks !== seen || holds > 0) {
        seen = ticks;
        last = now;
      } else if (now - last > stallMs)
        controller.abort(new TransferError("stall", `no data for ${Math.round(stallMs / 1000)} s`, true));
    },
    Math.max(20, Math.min(probe ? PROBE_MS : 1000, stallMs / 4)),
  );
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  return {
    signal,
    tick() {
      ticks++;
    },
    /** Waits for `wait` without counting its time as a stall; the stall window starts again after it. */
    async held<T>(wait: Promise<T>): Promise<T> {
      holds++;
      try {
        return await wait;
      } finally {
        holds--;
        ticks++;
      }
    },
    stop() {
      clearInterval(timer);
    },
    /** What the watchdog aborted with (a stall, or the probe's too-large error), else null. */
    stalled(): TransferError | null {
      return controller.signal.aborted ? (controller.signal.reason as TransferError) : null;
    },
  };
}

/** Calls `fn` at most every `intervalMs`, plus `flush()` for the final value. */
export function throttled<T>(fn: (value: T) => void, intervalMs = 250) {
  let last = 0;
  return {
    push(value: T) {
      const now = performance.now();
      if (now - last >= intervalMs) {
        last = now;
        fn(value);
      }
    },
    flush(value: T) {
      last = performance.now();
      fn(value);
    },
  };
}

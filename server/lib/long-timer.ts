/**
 * Timers for waits of any length. setTimeout and setInterval take a signed 32-bit delay: anything above
 * 2^31-1 ms (~24.8 days) becomes 1 ms, so a long interval would fire a thousand times a second. These
 * helpers chain timers of at most MAX_TIMER_MS until the whole wait has passed.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  cancel(): void;
}

/** Calls `fn` once after `ms` (any length). `unref`: the wait does not keep the process alive. */
export function setLongTimeout(
  fn: () => void,
  ms: number,
  options: { unref?: boolean; maxChunkMs?: number } = {},
): LongTimer {
  const chunk = Math.min(options.maxChunkMs ?? MAX_TIMER_MS, MAX_TIMER_MS);
  const due = performance.now() + Math.max(0, ms);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    const left = due - performance.now();
    timer = left > chunk ? setTimeout(arm, chunk) : setTimeout(fn, Math.max(0, left));
    if (options.unref) timer.unref?.();
  };
  arm();
  return {
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Calls `fn` every `ms` (any length), each wait counted from the previous call. */
export function setLongInterval(
  fn: () => void,
  ms: number,
  options: { unref?: boolean; maxChunkMs?: number } = {},
): LongTimer {
  let current: LongTimer | null = null;
  let cancelled = false;
  const tick = () => {
    if (cancelled) return;
    current = setLongTimeout(tick, ms, options);
    fn();
  };
  current = setLongTimeout(tick, ms, options);
  return {
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };
}

/**
 * solid-query's intervals (refetchInterval) on a clock the test turns: `tick()` runs every interval that is
 * set now, and `active()` says how many are set. Timeouts stay real. Install before any QueryClient exists.
 */
import { type TimeoutProvider, timeoutManager } from "@tanstack/solid-query";

export function installManualIntervals() {
  const intervals = new Map<number, () => void>();
  const timeouts = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 0;
  const provider: TimeoutProvider<number> = {
    setTimeout: (callback, delay) => {
      const id = ++next;
      timeouts.set(
        id,
        setTimeout(() => {
          timeouts.delete(id);
          callback();
        }, delay),
      );
      return id;
    },
    clearTimeout: (id) => {
      if (id === undefined) return;
      clearTimeout(timeouts.get(id));
      timeouts.delete(id);
    },
    setInterval: (callback) => {
      const id = ++next;
      intervals.set(id, callback);
      return id;
    },
    clearInterval: (id) => {
      if (id !== undefined) intervals.delete(id);
    },
  };
  timeoutManager.setTimeoutProvider(provider);
  return {
    tick() {
      for (const callback of [...intervals.values()]) callback();
    },
    active: () => intervals.size,
  };
}

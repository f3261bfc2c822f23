/**
 * A subscription over an in-memory listener: the current state first, then every value the listener
 * receives, in order, until the signal aborts. The listener is attached before the snapshot is read, so
 * nothing falls between them.
 */
export async function* listenerStream<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  snapshot: () => T,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const pending: T[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = subscribe((value) => {
    pending.push(value);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    yield snapshot();
    while (!signal?.aborted) {
      const next = pending.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }
}

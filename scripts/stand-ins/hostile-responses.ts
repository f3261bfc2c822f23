/** Misbehaving answers shared by the stand-in servers: failures a real outside service produces. */
export type Failure =
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "hang" }
  | { kind: "truncate" }
  | { kind: "huge"; bytes?: number }
  | { kind: "garbage" };

export interface InjectedFailure {
  pathPrefix: string;
  failure: Failure;
  /** How many matching requests fail; Infinity = all. */
  remaining: number;
}

/**
 * Adds a failure for the next `times` requests under `pathPrefix` (newest first); `times` = 0 clears the
 * failures injected under exactly that prefix.
 */
export function injectFailure(
  list: InjectedFailure[],
  pathPrefix: string,
  failure: Failure,
  times: number,
): void {
  if (times === 0) {
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.pathPrefix === pathPrefix) list.splice(i, 1);
    return;
  }
  list.unshift({ pathPrefix, failure, remaining: times });
}

/** Picks (and uses up) the first injected failure whose prefix matches. */
export function takeFailure(list: InjectedFailure[], path: string): Failure | null {
  const hit = list.find((f) => f.remaining > 0 && path.startsWith(f.pathPrefix));
  if (!hit) return null;
  hit.remaining--;
  return hit.failure;
}

export function failureResponse(
  failure: Failure,
  request: Request,
  stopped: Promise<void>,
): Response | Promise<Response> {
  switch (failure.kind) {
    case "status":
      return new Response(failure.status === 429 ? "Too Many Requests" : "Internal Server Error", {
        status: failure.status,
        headers: failure.retryAfter ? { "Retry-After": failure.retryAfter } : {},
      });
    case "hang":
      // Never answers; ends when the client gives up or the server stops.
      return new Promise<Response>((resolve) => {
        const done = () => resolve(new Response("late", { status: 503 }));
        request.signal.addEventListener("abort", done, { once: true });
        void stopped.then(done);
      });
    case "truncate": {
      const chunk = new TextEncoder().encode(
        `<!DOCTYPE html><html><body><div class="series-title"><h1><span>Abge`,
      );
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent) {
            sent = true;
            controller.enqueue(chunk);
            return;
          }
          // Drops the connection mid-body (the client sees a reset, not a clean end).
          controller.error(new Error("stand-in: truncated on purpose"));
        },
      });
      return new Response(stream, {
        headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": "100000" },
      });
    }
    case "huge": {
      const total = failure.bytes ?? 50 * 1024 * 1024;
      const block = new TextEncoder().encode("<p>".padEnd(64 * 1024, "x"));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= total) return controller.close();
          sent += block.length;
          controller.enqueue(block);
        },
      });
      // No Content-Length: the client's limit must hold while it reads.
      return new Response(stream, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    case "garbage":
      return new Response(garbageHtml(), { headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
}

export function garbageHtml(): string {
  let noise = "";
  for (let i = 0; i < 2000; i++) noise += String.fromCharCode(33 + ((i * 7919) % 90));
  return `<<<html <div class=="series-title"><h1 <span>>${noise}</td></tr></table><script>for(;;){}</script>\u0000\u0001<</`;
}

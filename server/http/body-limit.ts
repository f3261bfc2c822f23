import type { Context, MiddlewareHandler } from "hono";

/** API inputs are small JSON (ids, names, settings); a megabyte is far more than any of them needs. */
export const MAX_BODY_BYTES = 1024 * 1024;

const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses request bodies over `maxBytes` with 413 before anything reads them: a declared Content-Length
 * is checked up front (Bun never hands a handler more bytes than declared), a chunked body is read only up
 * to the limit. This is the only limit: Bun's own (maxRequestBodySize) is set out of reach in server.ts,
 * so every 413 is ours and passes through the other middleware (security headers, request log).
 */
export function bodyLimit(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    if (WITHOUT_BODY.has(c.req.method)) return next();
    const declared = c.req.raw.headers.get("content-length");
    if (declared !== null) {
      if (!(Number(declared) <= maxBytes)) return tooLarge(c, maxBytes);
      return next();
    }
    const body = c.req.raw.body;
    if (body === null) return next();
    const bytes = await readAtMost(body, maxBytes);
    if (bytes === null) return tooLarge(c, maxBytes);
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  };
}

function tooLarge(c: Context, maxBytes: number): Response {
  c.header("connection", "close");
  return c.json({ error: `request body too large (at most ${maxBytes} bytes)` }, 413);
}

/** The whole body, or null (and the stream cancelled) as soon as it passes `maxBytes`. */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

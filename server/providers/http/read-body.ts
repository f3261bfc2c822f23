import { ProviderError } from "../provider-error.ts";

/**
 * Reads a response body into memory, stopping (and cancelling the stream) as soon as it grows past
 * `maxBytes`, so a huge or endless body never fills memory.
 */
export async function readBodyLimited(
  response: Response,
  maxBytes: number,
  provider: string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(provider, response.status, maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(provider, response.status, maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError(provider, null, "the connection broke while reading the response", {
      cause: error,
      retryable: true,
    });
  } finally {
    reader.releaseLock();
  }
  if (Number.isFinite(declared) && size < declared)
    throw new ProviderError(provider, null, `the response was cut short (${size} of ${declared} bytes)`, {
      retryable: true,
    });
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(provider: string, status: number, maxBytes: number): ProviderError {
  return new ProviderError(provider, status, `the response is larger than ${maxBytes} bytes`, {
    retryable: false,
  });
}

import { closeSync, ftruncateSync, openSync, statSync, writeSync } from "node:fs";
import { stat, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { messageOf } from "../../lib/error-message.ts";
import { backoffDelay } from "../../lib/retry.ts";
import { sleep } from "../../lib/sleep.ts";
import type { TokenBucket } from "../../lib/token-bucket.ts";
import type { Outbound } from "../../providers/net/outbound.ts";
import { ensureSpace } from "./disk-space.ts";
import { stallWatch, throttled } from "./stall-watch.ts";
import { folderGone, httpFailure, mediaFetch, TransferError } from "./transfer-error.ts";

export interface Progress {
  bytes: number;
  /** null while unknown. */
  total: number | null;
}

export interface FileTransferOptions {
  url: string;
  /** The outbound layer (identity, cookies, proxy, the private-address rule on each redirect hop). */
  net: Outbound;
  headers: Record<string, string>;
  /** Where the bytes go (`<final>.part`); an existing file is resumed with HTTP Range. */
  partPath: string;
  signal: AbortSignal;
  bucket: TokenBucket;
  stallMs: number;
  /** Bytes to keep free on the target file system. */
  keepFreeBytes: number;
  /** Consecutive failed attempts without progress before giving up. */
  maxRetries?: number;
  onProgress?: (p: Progress) => void;
}

/**
 * Downloads one file into `partPath`, resuming after drops, stalls and restarts: asks for the rest with
 * Range, accepts 206 only when Content-Range starts where the file ends, restarts from 0 on a plain 200,
 * and ends only when the file has exactly Content-Length bytes. Returns the final size.
 */
export async function transferFile(o: FileTransferOptions): Promise<number> {
  const maxRetries = o.maxRetries ?? 4;
  const progress = throttled<Progress>((p) => o.onProgress?.(p));
  let failures = 0;
  for (;;) {
    const before = await sizeOf(o.partPath);
    try {
      const total = await attempt(o, before, progress.push);
      progress.flush({ bytes: total, total });
      return total;
    } catch (error) {
      if (o.signal.aborted) throw o.signal.reason ?? error;
      const failure = folderGone(dirname(o.partPath)) ?? asTransferError(error);
      if (!failure.retryable) throw failure;
      const after = await sizeOf(o.partPath);
      failures = after > before ? 1 : failures + 1;
      if (failures > maxRetries) throw failure;
      // A stall already waited stallMs; other failures back off a little more each time.
      if (failure.reason !== "stall") await sleep(backoffDelay(failures + 1, { baseMs: 100, maxMs: 5000 }));
    }
  }
}

async function attempt(
  o: FileTransferOptions,
  offset: number,
  report: (p: Progress) => void,
): Promise<number> {
  const tooLarge = () => new TransferError("incomplete", "the server sent more than it announced");
  // The file's size is the progress, whoever writes it (the runtime, or the chunk loop below).
  const probe = {
    bytes: () => {
      const bytes = fileSize(o.partPath);
      if (bytes > offset) report({ bytes, total: probe.max === Number.POSITIVE_INFINITY ? null : probe.max });
      return bytes;
    },
    max: Number.POSITIVE_INFINITY,
    tooLarge,
  };
  const watch = stallWatch(o.stallMs, o.signal, probe);
  try {
    // Identity encoding: Range offsets then count the bytes we store, never a compressed representation's.
    const headers: Record<string, string> = { ...o.headers, "Accept-Encoding": "identity" };
    if (offset > 0) headers.Range = `bytes=${offset}-`;
    const res = await mediaFetch(o.net, o.url, headers, watch.signal);
    let start = 0;
    let total: number | null = null;
    if (res.status === 416 && offset > 0) {
      await res.body?.cancel();
      const whole = Number(/\/(\d+)\s*$/.exec(res.headers.get("content-range") ?? "")?.[1] ?? Number.NaN);
      if (whole === offset) return offset;
      await truncate(o.partPath, 0);
      throw new TransferError(
        "incomplete",
        "the partial file does not match the source; starting over",
        true,
      );
    }
    if (res.status === 206) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get("content-range") ?? "");
      if (!m || Number(m[1]) !== offset) {
        await res.body?.cancel();
        await truncate(o.partPath, 0);
        throw new TransferError("incomplete", "the server resumed at the wrong offset; starting over", true);
      }
      start = offset;
      total = m[3] === "*" ? null : Number(m[3]);
    } else if (res.ok) {
      // No resume support (or a fresh start): whatever we had is replaced.
      const len = res.headers.get("content-length");
      total = len === null ? null : Number(len);
    } else {
      await res.body?.cancel();
      throw httpFailure(res.status, "media");
    }
    if (!res.body) throw new TransferError("network", "empty response", true);
    ensureSpace(dirname(o.partPath), total === null ? 0 : total - start, o.keepFreeBytes);
    if (total !== null) probe.max = total;
    // A bandwidth limit needs every chunk in hand; otherwise the runtime writes the body by itself.
    const written = o.bucket.limited
      ? await writeChunks(res.body, o, start, total, watch, report)
      : await writeNative(res, o.partPath, start);
    if (total !== null && written > total) throw tooLarge();
    if (total !== null && written !== total)
      throw new TransferError("incomplete", `got ${written} of ${total} bytes`, true);
    return written;
  } catch (error) {
    throw watch.stalled() ?? error;
  } finally {
    watch.stop();
  }
}

/**
 * The body appended by the runtime (O_APPEND after cutting the file to `start`, where the answer begins):
 * no chunk passes through JavaScript, so none waits for the collector. Returns the file's new length.
 */
async function writeNative(res: Response, partPath: string, start: number): Promise<number> {
  const fd = openSync(partPath, "a");
  try {
    ftruncateSync(fd, start);
    return start + (await Bun.write(Bun.file(fd), res));
  } finally {
    // Whatever arrived is on disk: the next attempt resumes after it.
    closeSync(fd);
  }
}

async function writeChunks(
  body: ReadableStream<Uint8Array>,
  o: FileTransferOptions,
  start: number,
  total: number | null,
  watch: ReturnType<typeof stallWatch>,
  report: (p: Progress) => void,
): Promise<number> {
  // Synchronous positional writes: a chunk into the page cache takes microseconds, and measured on loopback
  // this runs at curl's speed where awaiting fs/promises per chunk reached a third of it.
  const fd = openSync(o.partPath, start === 0 ? "w" : "r+");
  let position = start;
  try {
    ftruncateSync(fd, start);
    const reader = body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const chunk = r.value;
      watch.tick();
      if (total !== null && position + chunk.length > total)
        throw new TransferError("incomplete", "the server sent more than it announced");
      await watch.held(o.bucket.take(chunk.length, watch.signal));
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done, position + done);
      position += chunk.length;
      report({ bytes: position, total });
    }
  } finally {
    // Whatever arrived is on disk: the next attempt resumes after it.
    closeSync(fd);
  }
  return position;
}

/** The file's size now (0 when it is not there yet): what a stall watch probes while the runtime writes. */
export const fileSize = (path: string): number => statSync(path, { throwIfNoEntry: false })?.size ?? 0;

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export function asTransferError(error: unknown): TransferError {
  if (error instanceof TransferError) return error;
  const message = messageOf(error);
  return new TransferError("network", `connection failed: ${message}`, true, { cause: error });
}

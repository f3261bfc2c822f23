import { open, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { backoffDelay } from "../../lib/retry.ts";
import { sleep } from "../../lib/sleep.ts";
import type { TokenBucket } from "../../lib/token-bucket.ts";
import { ensureSpace } from "./disk-space.ts";
import { type Progress, sizeOf } from "./file-transfer.ts";
import { fetchPlaylist, type MediaPlaylist } from "./hls-playlist.ts";
import { stallWatch, throttled } from "./stall-watch.ts";
import { httpFailure, TransferError } from "./transfer-error.ts";

export interface HlsTransferOptions {
  url: string;
  headers: Record<string, string>;
  /** The concatenated segments go here (`<final>.ts.part`); `<partPath>.json` records how far it got. */
  partPath: string;
  signal: AbortSignal;
  bucket: TokenBucket;
  stallMs: number;
  keepFreeBytes: number;
  /** Segments fetched at the same time (they are still written in order). */
  concurrency?: number;
  /** Tries per segment. */
  segmentTries?: number;
  onProgress?: (p: Progress) => void;
}

interface ResumeState {
  segments: number;
  done: number;
  bytes: number;
}

/**
 * Downloads an HLS stream (master → best variant → media playlist) into one .ts file: segments are fetched
 * several at a time, written strictly in order, each retried on its own; the playlist must be complete
 * (#EXT-X-ENDLIST) and every segment must arrive. Resumes after a restart from the recorded segment.
 */
export async function transferHls(o: HlsTransferOptions): Promise<{ bytes: number; segments: number }> {
  const playlist = await fetchPlaylist(o.url, o.headers, o.signal);
  const stateFile = Bun.file(`${o.partPath}.json`);
  const state = await readState(stateFile, playlist, await sizeOf(o.partPath));
  ensureSpace(dirname(o.partPath), 0, o.keepFreeBytes);
  const progress = throttled<Progress>((p) => o.onProgress?.(p));
  const estimate = (bytes: number, done: number) =>
    done === 0 ? null : Math.round((bytes / done) * playlist.segments.length);

  const file = await open(o.partPath, state.done === 0 ? "w" : "r+");
  let position = state.bytes;
  try {
    await file.truncate(position);
    const inFlight = new Map<number, Promise<Uint8Array>>();
    const width = Math.max(1, o.concurrency ?? 4);
    const launch = (i: number) => {
      if (i < playlist.segments.length && !inFlight.has(i)) {
        const p = fetchSegment(o, playlist.segments[i]!, i);
        p.catch(() => undefined); // awaited in order below; avoids an unhandled rejection meanwhile
        inFlight.set(i, p);
      }
    };
    for (let i = state.done; i < playlist.segments.length; i++) {
      for (let j = i; j < i + width; j++) launch(j);
      const data = await inFlight.get(i)!;
      inFlight.delete(i);
      await file.write(data, 0, data.length, position);
      position += data.length;
      await Bun.write(
        stateFile,
        JSON.stringify({ segments: playlist.segments.length, done: i + 1, bytes: position }),
      );
      progress.push({ bytes: position, total: estimate(position, i + 1) });
    }
  } finally {
    await file.close();
  }
  await rm(`${o.partPath}.json`, { force: true });
  progress.flush({ bytes: position, total: position });
  return { bytes: position, segments: playlist.segments.length };
}

async function readState(
  file: ReturnType<typeof Bun.file>,
  playlist: MediaPlaylist,
  partSize: number,
): Promise<ResumeState> {
  const fresh = { segments: playlist.segments.length, done: 0, bytes: 0 };
  try {
    if (!(await file.exists())) return fresh;
    const s = (await file.json()) as Partial<ResumeState>;
    const ok =
      s.segments === playlist.segments.length &&
      Number.isInteger(s.done) &&
      Number.isInteger(s.bytes) &&
      s.bytes! <= partSize &&
      s.done! <= playlist.segments.length;
    return ok ? { segments: s.segments!, done: s.done!, bytes: s.bytes! } : fresh;
  } catch {
    return fresh;
  }
}

async function fetchSegment(o: HlsTransferOptions, url: string, index: number): Promise<Uint8Array> {
  const tries = o.segmentTries ?? 4;
  let last: TransferError | null = null;
  for (let t = 1; t <= tries; t++) {
    try {
      return await fetchOnce(o, url, index);
    } catch (error) {
      if (o.signal.aborted) throw o.signal.reason ?? error;
      last = error instanceof TransferError ? error : new TransferError("network", String(error), true);
      if (!last.retryable) break;
      await sleep(backoffDelay(t + 1, { baseMs: 100, maxMs: 2000 }));
    }
  }
  throw new TransferError(last?.reason ?? "network", `segment ${index + 1}: ${last?.message ?? "failed"}`);
}

async function fetchOnce(o: HlsTransferOptions, url: string, index: number): Promise<Uint8Array> {
  const watch = stallWatch(o.stallMs, o.signal);
  try {
    const res = await fetch(url, { headers: o.headers, signal: watch.signal });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw httpFailure(res.status, `segment ${index + 1}`);
    }
    const announced = res.headers.get("content-length");
    const chunks: Uint8Array[] = [];
    let n = 0;
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const chunk = r.value;
      watch.tick();
      if (o.bucket.limited) await o.bucket.take(chunk.length, watch.signal);
      chunks.push(chunk);
      n += chunk.length;
    }
    if (announced !== null && Number(announced) !== n)
      throw new TransferError("incomplete", `segment ${index + 1}: got ${n} of ${announced} bytes`, true);
    return Buffer.concat(chunks, n);
  } catch (error) {
    const stalled = watch.stalled();
    if (stalled) throw stalled;
    if (error instanceof TransferError) throw error;
    throw new TransferError("network", `segment ${index + 1}: ${(error as Error).message}`, true);
  } finally {
    watch.stop();
  }
}

import { open, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { backoffDelay } from "../../lib/retry.ts";
import { sleep } from "../../lib/sleep.ts";
import type { TokenBucket } from "../../lib/token-bucket.ts";
import type { Outbound } from "../../providers/net/outbound.ts";
import { ensureSpace } from "./disk-space.ts";
import { type Progress, sizeOf } from "./file-transfer.ts";
import { fetchPlaylist, type SegmentRef } from "./hls-playlist.ts";
import { stallWatch, throttled } from "./stall-watch.ts";
import { httpFailure, mediaFetch, TransferError } from "./transfer-error.ts";

export interface HlsTransferOptions {
  url: string;
  net: Outbound;
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

/** A segment is held in memory until it is written in order: no single one may be larger than this. */
const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

/**
 * Downloads an HLS stream (master → best variant → media playlist) into one .ts file: segments are fetched
 * several at a time, written strictly in order, each retried on its own; the playlist must be complete
 * (#EXT-X-ENDLIST) and every segment must arrive. Resumes after a restart from the recorded segment. When
 * the variant's audio is a separate rendition, it goes to `<partPath>.audio` for the remux to merge.
 */
export async function transferHls(
  o: HlsTransferOptions,
): Promise<{ bytes: number; segments: number; audioPath: string | null }> {
  const playlist = await fetchPlaylist(o.net, o.url, o.headers, o.signal);
  const audioPath = playlist.audio ? `${o.partPath}.audio` : null;
  const audioShare = playlist.audio ? playlist.audio.segments.length : 0;
  const total = playlist.segments.length + audioShare;
  const video = await downloadSegments(o, playlist.segments, o.partPath, (p) => o.onProgress?.(p), total);
  let audioBytes = 0;
  if (playlist.audio && audioPath)
    audioBytes = await downloadSegments(o, playlist.audio.segments, audioPath, (p) =>
      o.onProgress?.({ bytes: video + p.bytes, total: p.total === null ? null : video + p.total }),
    );
  return { bytes: video + audioBytes, segments: total, audioPath };
}

async function downloadSegments(
  o: HlsTransferOptions,
  segments: SegmentRef[],
  partPath: string,
  onProgress: (p: Progress) => void,
  estimateOver = segments.length,
): Promise<number> {
  const stateFile = Bun.file(`${partPath}.json`);
  const state = await readState(stateFile, segments.length, await sizeOf(partPath));
  ensureSpace(dirname(partPath), 0, o.keepFreeBytes);
  const progress = throttled<Progress>(onProgress);
  const estimate = (bytes: number, done: number) =>
    done === 0 ? null : Math.round((bytes / done) * estimateOver);

  const file = await open(partPath, state.done === 0 ? "w" : "r+");
  let position = state.bytes;
  try {
    await file.truncate(position);
    const inFlight = new Map<number, Promise<Uint8Array>>();
    const width = Math.max(1, o.concurrency ?? 4);
    const launch = (i: number) => {
      const segment = segments[i];
      if (segment && !inFlight.has(i)) {
        const p = fetchSegment(o, segment, i);
        p.catch(() => undefined); // awaited in order below; avoids an unhandled rejection meanwhile
        inFlight.set(i, p);
      }
    };
    for (let i = state.done; i < segments.length; i++) {
      for (let j = i; j < i + width; j++) launch(j);
      const pending = inFlight.get(i);
      if (!pending) throw new TransferError("incomplete", `segment ${i + 1} was never requested`);
      const data = await pending;
      inFlight.delete(i);
      await file.write(data, 0, data.length, position);
      position += data.length;
      await Bun.write(stateFile, JSON.stringify({ segments: segments.length, done: i + 1, bytes: position }));
      progress.push({ bytes: position, total: estimate(position, i + 1) });
    }
  } finally {
    await file.close();
  }
  await rm(`${partPath}.json`, { force: true });
  progress.flush({ bytes: position, total: position });
  return position;
}

async function readState(
  file: ReturnType<typeof Bun.file>,
  count: number,
  partSize: number,
): Promise<ResumeState> {
  const fresh = { segments: count, done: 0, bytes: 0 };
  try {
    if (!(await file.exists())) return fresh;
    const s = (await file.json()) as Partial<ResumeState>;
    const ok =
      s.segments === count &&
      Number.isInteger(s.done) &&
      Number.isInteger(s.bytes) &&
      s.bytes! <= partSize &&
      s.done! <= count;
    return ok ? { segments: s.segments!, done: s.done!, bytes: s.bytes! } : fresh;
  } catch {
    return fresh;
  }
}

async function fetchSegment(o: HlsTransferOptions, url: SegmentRef, index: number): Promise<Uint8Array> {
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

async function fetchOnce(o: HlsTransferOptions, segment: SegmentRef, index: number): Promise<Uint8Array> {
  const watch = stallWatch(o.stallMs, o.signal);
  try {
    const { range } = segment;
    const headers = range
      ? { ...o.headers, Range: `bytes=${range.offset}-${range.offset + range.length - 1}` }
      : o.headers;
    const res = await mediaFetch(o.net, segment.url, headers, watch.signal);
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
      if (n > MAX_SEGMENT_BYTES) {
        await reader.cancel().catch(() => {});
        throw new TransferError(
          "unsupported",
          `segment ${index + 1} is larger than ${MAX_SEGMENT_BYTES} bytes`,
        );
      }
    }
    if (announced !== null && Number(announced) !== n)
      throw new TransferError("incomplete", `segment ${index + 1}: got ${n} of ${announced} bytes`, true);
    const data = Buffer.concat(chunks, n);
    // A server that ignores Range sends the whole resource: cut the piece out of it.
    if (range && res.status === 200) {
      if (data.length < range.offset + range.length)
        throw new TransferError("incomplete", `segment ${index + 1}: the byte range is outside the resource`);
      return data.subarray(range.offset, range.offset + range.length);
    }
    if (range && data.length !== range.length)
      throw new TransferError(
        "incomplete",
        `segment ${index + 1}: got ${data.length} of ${range.length} bytes`,
        true,
      );
    return data;
  } catch (error) {
    const stalled = watch.stalled();
    if (stalled) throw stalled;
    if (error instanceof TransferError) throw error;
    throw new TransferError("network", `segment ${index + 1}: ${(error as Error).message}`, true);
  } finally {
    watch.stop();
  }
}

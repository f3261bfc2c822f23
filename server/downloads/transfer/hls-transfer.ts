import { rmSync } from "node:fs";
import { type FileHandle, open, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { backoffDelay } from "../../lib/retry.ts";
import { sleep } from "../../lib/sleep.ts";
import type { TokenBucket } from "../../lib/token-bucket.ts";
import type { Outbound } from "../../providers/net/outbound.ts";
import { ensureSpace } from "./disk-space.ts";
import { fileSize, type Progress, sizeOf } from "./file-transfer.ts";
import { fetchPlaylist, type SegmentRef } from "./hls-playlist.ts";
import { stallWatch, throttled } from "./stall-watch.ts";
import { folderGone, httpFailure, mediaFetch, TransferError } from "./transfer-error.ts";
import { audioPartPathOf, resumeStatePathOf, segmentSlotPathOf } from "./transfer-paths.ts";

export interface HlsTransferOptions {
  url: string;
  net: Outbound;
  headers: Record<string, string>;
  /** The concatenated segments go here (`<final>.ts.part`); its resume state records how far it got. */
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

/** No segment may be larger than this (a server ignoring a byte range sends the whole resource). */
const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

/** Segments fetched side by side unless the caller says otherwise. */
const SEGMENTS_IN_FLIGHT = 4;

/** The bytes copied per read when a segment file is appended to the stream (one buffer per transfer). */
const COPY_BYTES = 1024 * 1024;

/** Where a fetched segment waits for its turn: `length` bytes from `offset` of the file at `path`. */
interface FetchedSegment {
  path: string;
  offset: number;
  length: number;
}

/**
 * Downloads an HLS stream (master → best variant → media playlist) into one .ts file: segments are fetched
 * several at a time, written strictly in order, each retried on its own; the playlist must be complete
 * (#EXT-X-ENDLIST) and every segment must arrive. Resumes after a restart from the recorded segment. When
 * the variant's audio is a separate rendition, it goes to its own part file for the remux to merge.
 */
export async function transferHls(
  o: HlsTransferOptions,
): Promise<{ bytes: number; segments: number; audioPath: string | null }> {
  const playlist = await fetchPlaylist(o.net, o.url, o.headers, o.signal);
  const audioPath = playlist.audio ? audioPartPathOf(o.partPath) : null;
  const audioShare = playlist.audio ? playlist.audio.segments.length : 0;
  const total = playlist.segments.length + audioShare;
  const video = await downloadSegments(o, playlist.segments, o.partPath, (p) => o.onProgress?.(p), total);
  let audioBytes = 0;
  if (playlist.audio && audioPath)
    audioBytes = await downloadSegments(o, playlist.audio.segments, audioPath, (p) =>
      o.onProgress?.({ bytes: video + p.bytes, total: p.total === null ? null : video + p.total }),
    );
  // Removed only now that both streams are complete: a download interrupted in its audio rendition resumes
  // there, without fetching the video again.
  await rm(resumeStatePathOf(o.partPath), { force: true });
  if (audioPath) await rm(resumeStatePathOf(audioPath), { force: true });
  return { bytes: video + audioBytes, segments: total, audioPath };
}

/**
 * The segments in flight are written by the runtime straight to their own files beside the part file (one
 * per slot of the window), then copied into the stream in order through one reused buffer: no segment passes
 * through JavaScript chunk by chunk, which at download speed left tens of MB of consumed chunks waiting for
 * the collector. The stream's resume state is left for the caller to remove.
 */
async function downloadSegments(
  o: HlsTransferOptions,
  segments: SegmentRef[],
  partPath: string,
  onProgress: (p: Progress) => void,
  estimateOver = segments.length,
): Promise<number> {
  const stateFile = Bun.file(resumeStatePathOf(partPath));
  const state = await readState(stateFile, segments.length, await sizeOf(partPath));
  ensureSpace(dirname(partPath), 0, o.keepFreeBytes);
  const progress = throttled<Progress>(onProgress);
  const estimate = (bytes: number, done: number) =>
    done === 0 ? null : Math.round((bytes / done) * estimateOver);
  const width = Math.max(1, o.concurrency ?? SEGMENTS_IN_FLIGHT);
  const slotPath = (i: number) => segmentSlotPathOf(partPath, i % width);
  const removeSlots = () => {
    for (let slot = 0; slot < width; slot++) rmSync(segmentSlotPathOf(partPath, slot), { force: true });
  };

  const file = await open(partPath, state.done === 0 ? "w" : "r+");
  const buffer = Buffer.allocUnsafe(COPY_BYTES);
  let position = state.bytes;
  const inFlight = new Map<number, Promise<FetchedSegment>>();
  // Ends the fetches still in flight when this stream stops early (a failed segment, a cancel).
  const stop = new AbortController();
  const fetching = { ...o, signal: AbortSignal.any([o.signal, stop.signal]) };
  try {
    await file.truncate(position);
    const launch = (i: number) => {
      const segment = segments[i];
      if (segment && !inFlight.has(i)) {
        const p = fetchSegment(fetching, segment, i, slotPath(i));
        p.catch(() => undefined); // awaited in order below; avoids an unhandled rejection meanwhile
        inFlight.set(i, p);
      }
    };
    for (let i = state.done; i < segments.length; i++) {
      for (let j = i; j < i + width; j++) launch(j);
      const pending = inFlight.get(i);
      if (!pending) throw new TransferError("incomplete", `segment ${i + 1} was never requested`);
      const fetched = await pending;
      inFlight.delete(i);
      // Its slot is free for segment i + width, launched on the next round (Bun.write replaces the file).
      position += await appendSegment(file, fetched, buffer, position);
      // Never making folders: one renamed away meanwhile would come back under its old name.
      await Bun.write(
        stateFile,
        JSON.stringify({ segments: segments.length, done: i + 1, bytes: position }),
        {
          createPath: false,
        },
      );
      progress.push({ bytes: position, total: estimate(position, i + 1) });
    }
  } finally {
    await file.close();
    stop.abort();
    await Promise.allSettled(inFlight.values());
    removeSlots();
  }
  progress.flush({ bytes: position, total: position });
  return position;
}

/**
 * Copies a fetched segment into the stream at `position`; returns the bytes copied. Asynchronous reads
 * and writes: the copy (and any wait for the disk) happens off the main thread, which serves the API.
 */
async function appendSegment(
  file: FileHandle,
  segment: FetchedSegment,
  buffer: Buffer,
  position: number,
): Promise<number> {
  const source = await open(segment.path, "r");
  try {
    let copied = 0;
    while (copied < segment.length) {
      const want = Math.min(buffer.length, segment.length - copied);
      const { bytesRead } = await source.read(buffer, 0, want, segment.offset + copied);
      if (bytesRead === 0)
        throw new TransferError("incomplete", "a fetched segment's file is shorter than it was", true);
      let written = 0;
      while (written < bytesRead)
        written += (await file.write(buffer, written, bytesRead - written, position + copied + written))
          .bytesWritten;
      copied += bytesRead;
    }
    return copied;
  } finally {
    await source.close();
  }
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

async function fetchSegment(
  o: HlsTransferOptions,
  url: SegmentRef,
  index: number,
  path: string,
): Promise<FetchedSegment> {
  const tries = o.segmentTries ?? 4;
  let last: TransferError | null = null;
  for (let t = 1; t <= tries; t++) {
    try {
      return await fetchOnce(o, url, index, path);
    } catch (error) {
      if (o.signal.aborted) throw o.signal.reason ?? error;
      last =
        folderGone(dirname(path)) ??
        (error instanceof TransferError ? error : new TransferError("network", String(error), true));
      if (!last.retryable) break;
      await sleep(backoffDelay(t + 1, { baseMs: 100, maxMs: 2000 }));
    }
  }
  throw new TransferError(last?.reason ?? "network", `segment ${index + 1}: ${last?.message ?? "failed"}`);
}

async function fetchOnce(
  o: HlsTransferOptions,
  segment: SegmentRef,
  index: number,
  path: string,
): Promise<FetchedSegment> {
  const tooLarge = () =>
    new TransferError("unsupported", `segment ${index + 1} is larger than ${MAX_SEGMENT_BYTES} bytes`);
  const watch = stallWatch(o.stallMs, o.signal, {
    bytes: () => fileSize(path),
    max: MAX_SEGMENT_BYTES,
    tooLarge,
  });
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
    if (announced !== null && Number(announced) > MAX_SEGMENT_BYTES) {
      await res.body.cancel().catch(() => {});
      throw tooLarge();
    }
    const n = await Bun.write(path, res, { createPath: false });
    if (n > MAX_SEGMENT_BYTES) throw tooLarge();
    if (o.bucket.limited) await watch.held(o.bucket.take(n, watch.signal));
    if (announced !== null && Number(announced) !== n)
      throw new TransferError("incomplete", `segment ${index + 1}: got ${n} of ${announced} bytes`, true);
    // A server that ignores Range sends the whole resource: the piece is cut out of it.
    if (range && res.status === 200) {
      if (n < range.offset + range.length)
        throw new TransferError("incomplete", `segment ${index + 1}: the byte range is outside the resource`);
      return { path, offset: range.offset, length: range.length };
    }
    if (range && n !== range.length)
      throw new TransferError("incomplete", `segment ${index + 1}: got ${n} of ${range.length} bytes`, true);
    return { path, offset: 0, length: n };
  } catch (error) {
    const stalled = watch.stalled();
    if (stalled) throw stalled;
    if (error instanceof TransferError) throw error;
    throw new TransferError("network", `segment ${index + 1}: ${(error as Error).message}`, true);
  } finally {
    watch.stop();
  }
}

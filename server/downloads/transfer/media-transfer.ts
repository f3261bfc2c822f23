import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { TokenBucket } from "../../lib/token-bucket.ts";
import type { Outbound } from "../../providers/net/outbound.ts";
import type { MediaSource } from "../hosters/hoster-extractor.ts";
import { type Progress, transferFile } from "./file-transfer.ts";
import { transferHls } from "./hls-transfer.ts";
import { folderGone, TransferError } from "./transfer-error.ts";
import { extensionFor, partPathFor, remuxPartPathFor } from "./transfer-paths.ts";

export interface MediaTransferOptions {
  source: MediaSource;
  net: Outbound;
  signal: AbortSignal;
  bucket: TokenBucket;
  stallMs: number;
  keepFreeBytes: number;
  /** Path to ffmpeg, or null when it is not installed (HLS then stays .ts). */
  ffmpeg: string | null;
  onProgress?: (p: Progress) => void;
  /** The outermost folder the transfer made for its file (absolute), before any byte is written. */
  onFolderMade?: (folder: string) => void;
}

export interface MediaTransferResult {
  finalPath: string;
  bytes: number;
  /** Said to the user, e.g. that HLS was kept as .ts for want of ffmpeg. */
  note: string | null;
}

/**
 * Downloads a source to `<base><ext>`: bytes go to a `.part` file in the target folder (resumed when one is
 * there), completeness is verified, then the file is renamed to its final name in one step. A folder renamed
 * or removed meanwhile fails it with "folder_gone": what it wrote went with the folder, and the folder is
 * never made again under its old name.
 */
export async function transferMedia(base: string, o: MediaTransferOptions): Promise<MediaTransferResult> {
  const made = await mkdir(dirname(base), { recursive: true });
  if (made) o.onFolderMade?.(made);
  try {
    return await transferInto(base, o);
  } catch (error) {
    throw (o.signal.aborted ? null : folderGone(dirname(base))) ?? error;
  }
}

async function transferInto(base: string, o: MediaTransferOptions): Promise<MediaTransferResult> {
  const finalPath = `${base}${extensionFor(o.source, o.ffmpeg)}`;
  const part = partPathFor(base, o.source);
  const common = {
    url: o.source.url,
    net: o.net,
    headers: o.source.headers,
    partPath: part,
    signal: o.signal,
    bucket: o.bucket,
    stallMs: o.stallMs,
    keepFreeBytes: o.keepFreeBytes,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  };
  if (o.source.kind === "file") {
    const bytes = await transferFile(common);
    await rename(part, finalPath);
    return { finalPath, bytes, note: null };
  }
  const { bytes, audioPath } = await transferHls(common);
  if (!o.ffmpeg) {
    await rename(part, finalPath);
    if (audioPath) await rm(audioPath, { force: true });
    return {
      finalPath,
      bytes,
      note: audioPath
        ? "kept as MPEG-TS (.ts) without its separate audio track: ffmpeg is not installed to merge it"
        : "kept as MPEG-TS (.ts): ffmpeg is not installed, so HLS was not remuxed to mp4",
    };
  }
  const remuxPart = remuxPartPathFor(finalPath);
  try {
    await remux(o.ffmpeg, [part, ...(audioPath ? [audioPath] : [])], remuxPart, o.signal);
  } catch (error) {
    if (o.signal.aborted) throw error;
    // The download itself is complete and playable: keep it as .ts rather than lose it.
    const tsPath = `${base}.ts`;
    await rename(part, tsPath);
    if (audioPath) await rm(audioPath, { force: true });
    const without = audioPath ? " without its separate audio track" : "";
    return { finalPath: tsPath, bytes, note: `kept as MPEG-TS (.ts)${without}: ${(error as Error).message}` };
  }
  await rename(remuxPart, finalPath);
  await rm(part, { force: true });
  if (audioPath) await rm(audioPath, { force: true });
  return { finalPath, bytes: Bun.file(finalPath).size, note: null };
}

/** `ffmpeg -c copy`: changes the container only, no re-encoding; a second input is the audio rendition. */
async function remux(ffmpeg: string, inputs: string[], output: string, signal: AbortSignal): Promise<void> {
  const maps = inputs.length > 1 ? ["-map", "0:v?", "-map", "1:a"] : ["-map", "0"];
  const proc = Bun.spawn(
    [
      ffmpeg,
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      ...inputs.flatMap((i) => ["-i", i]),
      ...maps,
      "-c",
      "copy",
      "-f",
      "mp4",
      output,
    ],
    { stdout: "ignore", stderr: "pipe", signal },
  );
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  if (code !== 0) {
    await rm(output, { force: true });
    throw new TransferError("remux", `ffmpeg could not remux the stream: ${stderr.trim().slice(0, 300)}`);
  }
}

/** ffmpeg on PATH, or null. */
export function findFfmpeg(): string | null {
  return Bun.which("ffmpeg");
}

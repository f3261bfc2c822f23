import HLS from "hls-parser";
import { readBodyLimited } from "../../providers/http/read-body.ts";
import type { Outbound } from "../../providers/net/outbound.ts";
import { httpFailure, mediaFetch, TransferError } from "./transfer-error.ts";

/** One piece of the stream: a URL and, for EXT-X-BYTERANGE, the byte range inside it. */
export interface SegmentRef {
  url: string;
  range: { offset: number; length: number } | null;
}

export interface MediaPlaylist {
  url: string;
  /** Segments in play order (an #EXT-X-MAP init section first, when present). */
  segments: SegmentRef[];
  /** The separate audio rendition the chosen variant plays with (EXT-X-MEDIA TYPE=AUDIO), if any. */
  audio: MediaPlaylist | null;
}

const MAX_PLAYLIST_BYTES = 2 * 1024 * 1024;

/**
 * Loads a playlist with hls-parser; for a master playlist, follows the variant with the highest bandwidth
 * and, when that variant's audio is a separate rendition, loads that too (default, else first).
 */
export async function fetchPlaylist(
  net: Outbound,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  depth = 0,
): Promise<MediaPlaylist> {
  const text = await fetchText(net, url, headers, signal);
  if (!text.trimStart().startsWith("#EXTM3U")) throw new TransferError("unsupported", "not an HLS playlist");
  let parsed: HLS.types.MasterPlaylist | HLS.types.MediaPlaylist;
  try {
    parsed = HLS.parse(text);
  } catch (cause) {
    throw new TransferError(
      "unsupported",
      `the playlist could not be read: ${(cause as Error).message}`,
      false,
      {
        cause,
      },
    );
  }
  if (parsed.isMasterPlaylist) {
    if (depth > 0) throw new TransferError("unsupported", "nested master playlists");
    const variants = parsed.variants.filter((v) => !v.isIFrameOnly);
    const best = variants.sort((a, b) => b.bandwidth - a.bandwidth)[0];
    if (!best) throw new TransferError("incomplete", "the master playlist has no variants");
    const video = await fetchPlaylist(net, resolve(best.uri, url), headers, signal, depth + 1);
    const rendition = best.audio.find((r) => r.isDefault && r.uri) ?? best.audio.find((r) => r.uri);
    const audio = rendition?.uri
      ? await fetchPlaylist(net, resolve(rendition.uri, url), headers, signal, depth + 1)
      : null;
    return { ...video, audio };
  }
  return { url, segments: mediaSegments(parsed, url), audio: null };
}

function mediaSegments(playlist: HLS.types.MediaPlaylist, base: string): SegmentRef[] {
  const out: SegmentRef[] = [];
  let lastMap: string | null = null;
  for (const segment of playlist.segments) {
    if (segment.key && segment.key.method !== "NONE")
      throw new TransferError("unsupported", "encrypted HLS streams are not supported");
    if (segment.map) {
      const mapUrl = resolve(segment.map.uri, base);
      const key = `${mapUrl}#${segment.map.byterange?.offset ?? ""}`;
      if (key !== lastMap) out.push({ url: mapUrl, range: rangeOf(segment.map.byterange) });
      lastMap = key;
    }
    out.push({ url: resolve(segment.uri, base), range: rangeOf(segment.byterange) });
  }
  // Without ENDLIST the list may still grow (live or unfinished): the file would be incomplete.
  if (!playlist.endlist)
    throw new TransferError("incomplete", "the playlist is not complete (no #EXT-X-ENDLIST)");
  if (!out.length) throw new TransferError("incomplete", "the playlist has no segments");
  return out;
}

function rangeOf(byterange: { length: number; offset?: number } | undefined): SegmentRef["range"] {
  // hls-parser fills in the implicit offset (continuing after the previous range of the same URI).
  return byterange ? { offset: byterange.offset ?? 0, length: byterange.length } : null;
}

/** Resolves a playlist entry; the base URL's signed query string is kept by URL resolution rules. */
function resolve(ref: string, base: string): string {
  let url: URL;
  try {
    url = new URL(ref, base);
  } catch {
    throw new TransferError("unsupported", "a playlist entry is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TransferError("unsupported", `unexpected URL scheme ${url.protocol} in a playlist`);
  return url.href;
}

async function fetchText(
  net: Outbound,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<string> {
  let res: Response;
  try {
    res = await mediaFetch(net, url, headers, AbortSignal.any([signal, AbortSignal.timeout(30_000)]));
  } catch (cause) {
    if (signal.aborted) throw signal.reason ?? cause;
    if (cause instanceof TransferError) throw cause;
    throw new TransferError("network", "the playlist could not be loaded", true, { cause });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw httpFailure(res.status, "playlist");
  }
  try {
    return new TextDecoder().decode(await readBodyLimited(res, MAX_PLAYLIST_BYTES, "media"));
  } catch (cause) {
    throw new TransferError("unsupported", "the playlist is too large or broke off", false, { cause });
  }
}

import { httpFailure, TransferError } from "./transfer-error.ts";

export interface MediaPlaylist {
  url: string;
  /** Absolute segment URLs in play order (an #EXT-X-MAP init section first, when present). */
  segments: string[];
}

const MAX_PLAYLIST_BYTES = 2 * 1024 * 1024;

/** Loads a playlist; for a master playlist, follows the variant with the highest bandwidth. */
export async function fetchPlaylist(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  depth = 0,
): Promise<MediaPlaylist> {
  const text = await fetchText(url, headers, signal);
  if (!text.trimStart().startsWith("#EXTM3U")) throw new TransferError("unsupported", "not an HLS playlist");
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const variants = parseVariants(lines, url);
  if (variants.length) {
    if (depth > 0) throw new TransferError("unsupported", "nested master playlists");
    variants.sort((a, b) => b.bandwidth - a.bandwidth);
    return fetchPlaylist(variants[0]!.url, headers, signal, depth + 1);
  }
  return { url, segments: parseMedia(lines, url) };
}

function parseVariants(lines: string[], base: string): { url: string; bandwidth: number }[] {
  const out: { url: string; bandwidth: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith("#EXT-X-STREAM-INF")) continue;
    const bandwidth = Number(/[:,]BANDWIDTH=(\d+)/.exec(line)?.[1] ?? 0);
    const next = lines.slice(i + 1).find((l) => l && !l.startsWith("#"));
    if (next) out.push({ url: resolve(next, base), bandwidth });
  }
  return out;
}

function parseMedia(lines: string[], base: string): string[] {
  const segments: string[] = [];
  let ended = false;
  for (const line of lines) {
    if (line.startsWith("#EXT-X-KEY") && !/METHOD=NONE/.test(line))
      throw new TransferError("unsupported", "encrypted HLS streams are not supported");
    if (line.startsWith("#EXT-X-MAP")) {
      const uri = /URI="([^"]+)"/.exec(line)?.[1];
      if (uri) segments.push(resolve(uri, base));
    }
    if (line === "#EXT-X-ENDLIST") ended = true;
    if (line && !line.startsWith("#")) segments.push(resolve(line, base));
  }
  // Without ENDLIST the list may still grow (live or unfinished): the file would be incomplete.
  if (!ended) throw new TransferError("incomplete", "the playlist is not complete (no #EXT-X-ENDLIST)");
  if (!segments.length) throw new TransferError("incomplete", "the playlist has no segments");
  return segments;
}

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

async function fetchText(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) });
  } catch (cause) {
    if (signal.aborted) throw signal.reason ?? cause;
    throw new TransferError("network", "the playlist could not be loaded", true, { cause });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw httpFailure(res.status, "playlist");
  }
  const buf = await res.arrayBuffer();
  if (buf.byteLength > MAX_PLAYLIST_BYTES)
    throw new TransferError("unsupported", "the playlist is too large");
  return new TextDecoder().decode(buf);
}

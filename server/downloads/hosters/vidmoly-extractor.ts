import {
  absoluteMediaUrl,
  BROWSER_HEADERS,
  fetchHosterText,
  HosterError,
  type HosterExtractor,
  type MediaSource,
} from "./hoster-extractor.ts";

/** Vidmoly: `file:"…m3u8"` in the player setup; the CDN wants the embed page as Referer. */
export class VidmolyExtractor implements HosterExtractor {
  readonly hoster = "Vidmoly";

  async extract(embedUrl: string, signal?: AbortSignal): Promise<MediaSource> {
    const page = await fetchHosterText(this.hoster, embedUrl, signal ? { signal } : {});
    const found = /file\s*:\s*["']([^"']+\.m3u8[^"']*)["']/.exec(page)?.[1];
    if (!found) throw new HosterError(this.hoster, "parse", "no HLS playlist on the page");
    return {
      kind: "hls",
      url: absoluteMediaUrl(this.hoster, found, embedUrl),
      headers: { "User-Agent": BROWSER_HEADERS["User-Agent"]!, Referer: embedUrl },
    };
  }
}

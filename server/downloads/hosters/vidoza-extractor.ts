import {
  absoluteMediaUrl,
  BROWSER_HEADERS,
  fetchHosterText,
  HosterError,
  type HosterExtractor,
  type MediaSource,
} from "./hoster-extractor.ts";

/** Vidoza: the player config (`sourcesCode: [{ src: "…mp4" }]`, or a <source> tag) holds a direct mp4. */
export class VidozaExtractor implements HosterExtractor {
  readonly hoster = "Vidoza";

  async extract(embedUrl: string, signal?: AbortSignal): Promise<MediaSource> {
    const page = await fetchHosterText(this.hoster, embedUrl, signal ? { signal } : {});
    const found =
      /sourcesCode\s*:\s*\[\s*\{\s*src\s*:\s*["']([^"']+)["']/.exec(page)?.[1] ??
      /<source[^>]+src=["']([^"']+\.(?:mp4|mkv)[^"']*)["']/i.exec(page)?.[1];
    if (!found) throw new HosterError(this.hoster, "parse", "no video source on the page");
    return {
      kind: "file",
      url: absoluteMediaUrl(this.hoster, found, embedUrl),
      headers: { "User-Agent": BROWSER_HEADERS["User-Agent"]!, Referer: embedUrl },
    };
  }
}

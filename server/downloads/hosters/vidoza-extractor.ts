import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  pageHeaders,
} from "./hoster-extractor.ts";

/** Vidoza: the player config (`sourcesCode: [{ src: "…mp4" }]`, or a <source> tag) holds a direct mp4. */
export class VidozaExtractor implements HosterExtractor {
  readonly hoster = "Vidoza";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    const found =
      /sourcesCode\s*:\s*\[\s*\{\s*src\s*:\s*["']([^"']+)["']/.exec(page.text)?.[1] ??
      /<source[^>]+src=["']([^"']+\.(?:mp4|mkv)[^"']*)["']/i.exec(page.text)?.[1];
    if (!found) throw new HosterError(this.hoster, "parse", "no video source on the page");
    return {
      kind: "file",
      url: absoluteMediaUrl(this.hoster, found, page.url),
      headers: pageHeaders(page.url),
    };
  }
}

import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  mediaKind,
  pageHeaders,
  playerFile,
} from "./hoster-extractor.ts";
import { unpackAll } from "./js-unpacker.ts";

/**
 * Luluvdo: an XFileSharing page, `sources: [{file:"…"}]` in the player setup, sometimes packed. The
 * stream is tied to the page's User-Agent (the run's one identity) and wants the page as Referer.
 */
export class LuluvdoExtractor implements HosterExtractor {
  readonly hoster = "Luluvdo";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    for (const script of [page.text, ...unpackAll(page.text)]) {
      const found = playerFile(script);
      if (found) {
        const url = absoluteMediaUrl(this.hoster, found, page.url);
        return { kind: mediaKind(url), url, headers: pageHeaders(page.url, true) };
      }
    }
    throw new HosterError(this.hoster, "parse", "no player source on the page (the page layout changed)");
  }
}

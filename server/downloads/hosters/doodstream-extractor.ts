import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
} from "./hoster-extractor.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Doodstream (any of its alias domains: dood.*, d0000d.*, playmogo.com, …; `/d/<id>` frames `/e/<id>`):
 * the page asks `/pass_md5/…` for a URL prefix; the media URL is that prefix + 10 random characters +
 * `?token=…&expiry=<now>`. Downloads need the same User-Agent and the embed page as Referer.
 */
export class DoodstreamExtractor implements HosterExtractor {
  readonly hoster = "Doodstream";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    let page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    const frame = /<iframe[^>]+src=["']([^"']*\/e\/[A-Za-z0-9]+)["']/i.exec(page.text)?.[1];
    if (frame && !/pass_md5/.test(page.text))
      page = await fetchHosterPage(this.hoster, absoluteMediaUrl(this.hoster, frame, page.url), ctx, {
        referer: page.url,
      });
    const passPath = /["'](\/pass_md5\/[^"']+)["']/.exec(page.text)?.[1];
    const token = /[?&]token=([A-Za-z0-9]+)/.exec(page.text)?.[1];
    if (!passPath || !token)
      throw new HosterError(this.hoster, "parse", "no pass_md5 link or token on the page");
    const headers = { Referer: page.url };
    const prefix = (
      await fetchHosterPage(this.hoster, new URL(passPath, page.url).href, ctx, {
        kind: "xhr",
        referer: page.url,
      })
    ).text.trim();
    if (!/^https?:\/\//.test(prefix)) throw new HosterError(this.hoster, "parse", "pass_md5 gave no URL");
    let suffix = "";
    for (let i = 0; i < 10; i++) suffix += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    const url = absoluteMediaUrl(
      this.hoster,
      `${prefix}${suffix}?token=${token}&expiry=${Date.now()}`,
      page.url,
    );
    return { kind: "file", url, headers };
  }
}

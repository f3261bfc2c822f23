import {
  absoluteMediaUrl,
  BROWSER_HEADERS,
  fetchHosterText,
  HosterError,
  type HosterExtractor,
  type MediaSource,
} from "./hoster-extractor.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Doodstream: the page asks `/pass_md5/…` for a URL prefix; the media URL is that prefix + 10 random
 * characters + `?token=…&expiry=<now>`. Downloads need the same User-Agent and the embed page as Referer.
 */
export class DoodstreamExtractor implements HosterExtractor {
  readonly hoster = "Doodstream";

  async extract(embedUrl: string, signal?: AbortSignal): Promise<MediaSource> {
    const page = await fetchHosterText(this.hoster, embedUrl, signal ? { signal } : {});
    const passPath = /["'](\/pass_md5\/[^"']+)["']/.exec(page)?.[1];
    const token = /[?&]token=([A-Za-z0-9]+)/.exec(page)?.[1];
    if (!passPath || !token)
      throw new HosterError(this.hoster, "parse", "no pass_md5 link or token on the page");
    const headers = { "User-Agent": BROWSER_HEADERS["User-Agent"]!, Referer: embedUrl };
    const prefix = (
      await fetchHosterText(this.hoster, new URL(passPath, embedUrl).href, {
        headers,
        ...(signal ? { signal } : {}),
      })
    ).trim();
    if (!/^https?:\/\//.test(prefix)) throw new HosterError(this.hoster, "parse", "pass_md5 gave no URL");
    let suffix = "";
    for (let i = 0; i < 10; i++) suffix += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    const url = absoluteMediaUrl(
      this.hoster,
      `${prefix}${suffix}?token=${token}&expiry=${Date.now()}`,
      embedUrl,
    );
    return { kind: "file", url, headers };
  }
}

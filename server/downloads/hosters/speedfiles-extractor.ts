import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  pageHeaders,
} from "./hoster-extractor.ts";

/**
 * SpeedFiles: the page holds the direct MP4 URL only as `var _0x5opu234 = "…"`, obfuscated by a chain of
 * base64, case swaps, reversals, hex and a character shift (see speedfilesDecode). When its server is down,
 * Cloudflare answers for it with "Web server is down", which fetchHosterPage turns into a clean HosterError.
 */
export class SpeedfilesExtractor implements HosterExtractor {
  readonly hoster = "SpeedFiles";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    const encoded = /var\s+_0x5opu234\s*=\s*["']([A-Za-z0-9+/=]+)["']/.exec(page.text)?.[1];
    if (!encoded)
      throw new HosterError(this.hoster, "parse", "no encoded source on the page (the page layout changed)");
    const found = speedfilesDecode(encoded);
    if (!found) throw new HosterError(this.hoster, "parse", "the encoded source did not decode to a URL");
    return {
      kind: "file",
      url: absoluteMediaUrl(this.hoster, found, page.url),
      headers: pageHeaders(page.url),
    };
  }
}

/**
 * Undoes the obfuscation: base64 → swap case → reverse → base64 → reverse → hex pairs → shift −3 → swap case
 * → reverse → base64. Public clients disagree on the first reverse (one leaves it out), so both orders are
 * tried; only a result that is an http(s) URL counts. Null when neither gives one.
 */
export function speedfilesDecode(encoded: string): string | null {
  for (const reverseOuter of [true, false]) {
    try {
      const first = swapCase(atob(encoded));
      const hex = reversed(atob(reverseOuter ? reversed(first) : first));
      if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) continue;
      let shifted = "";
      for (let i = 0; i < hex.length; i += 2)
        shifted += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16) - 3);
      const url = atob(reversed(swapCase(shifted)));
      if (/^https?:\/\/[^\s"'<>]+$/.test(url)) return url;
    } catch {
      // Not base64 at some step: the other order, or nothing.
    }
  }
  return null;
}

const swapCase = (s: string) =>
  s.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
const reversed = (s: string) => [...s].reverse().join("");

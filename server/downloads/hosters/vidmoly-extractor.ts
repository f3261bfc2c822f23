import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  mediaKind,
  playerFile,
} from "./hoster-extractor.ts";
import { unpackAll } from "./js-unpacker.ts";

/**
 * Vidmoly: vidmoly.to/.net redirect to vidmoly.biz; a first "Please wait" page reloads itself with
 * `?g=<32 hex>`, or a Turnstile check passes with a `cf_turnstile_demo_pass_<id>=1` cookie; the player
 * setup (`file:"…m3u8"`, sometimes packed) is on the page after that. The CDN wants the final host as
 * Referer.
 */
export class VidmolyExtractor implements HosterExtractor {
  readonly hoster = "Vidmoly";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    let page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    const gate = gateToken(page.text);
    const cookie = gate ? null : turnstileCookie(page.text, page.url);
    if ((gate || cookie) && !playerFile(page.text)) {
      const next = new URL(page.url);
      if (gate) next.searchParams.set("g", gate);
      page = await fetchHosterPage(this.hoster, next.href, ctx, {
        referer: page.url,
        ...(cookie ? { headers: { Cookie: cookie } } : {}),
      });
    }
    for (const script of [page.text, ...unpackAll(page.text)]) {
      const found = playerFile(script);
      if (found) {
        const url = absoluteMediaUrl(this.hoster, found, page.url);
        return { kind: mediaKind(url), url, headers: { Referer: `${new URL(page.url).origin}/` } };
      }
    }
    throw new HosterError(this.hoster, "parse", "no HLS playlist on the page (the page layout changed)");
  }
}

/** The token a "Please wait" page reloads with: written as `?g=<hex>`, or set by its script. */
function gateToken(html: string): string | null {
  const inUrl = /[?&]g=([0-9a-f]{32})/i.exec(html)?.[1];
  if (inUrl) return inUrl;
  if (!/<title>\s*Please wait/i.test(html)) return null;
  return /["']([0-9a-f]{32})["']/i.exec(html)?.[1] ?? null;
}

/**
 * The cookie a Turnstile check page sets once passed: named on the page, or built from the video id
 * (`/embed-<id>.html` or the path's last segment) when its script assembles the name at run time.
 */
function turnstileCookie(html: string, pageUrl: string): string | null {
  const named = /cf_turnstile_demo_pass_[A-Za-z0-9_-]+/.exec(html)?.[0];
  if (named) return `${named}=1`;
  if (!/cf-turnstile|>\s*Security Check\s*</i.test(html)) return null;
  const path = new URL(pageUrl).pathname;
  const id =
    /\/embed-([A-Za-z0-9_-]+)\.html$/.exec(path)?.[1] ?? /\/([A-Za-z0-9_-]+)(?:\.html)?\/?$/.exec(path)?.[1];
  return id ? `cf_turnstile_demo_pass_${id}=1` : null;
}

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
 * Vidmoly: vidmoly.to/.net redirect to vidmoly.biz. A Turnstile check stands before some pages; the
 * cookie it sets once passed (`cf_turnstile_demo_pass_<id>=1`) is sent from the start, as the page would
 * only be asked again with it. A "Please wait" page reloads itself with `?g=<32 hex>`. The player setup
 * (`file:"…m3u8"`, sometimes packed) is on the page after that. The CDN wants the final host as Referer.
 */
export class VidmolyExtractor implements HosterExtractor {
  readonly hoster = "Vidmoly";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const id = videoId(embedUrl);
    const headers: Record<string, string> = id ? { Cookie: `cf_turnstile_demo_pass_${id}=1` } : {};
    let page = await fetchHosterPage(this.hoster, embedUrl, ctx, { headers });
    const gate = gateToken(page.text);
    if (gate && !playerFile(page.text)) {
      const next = new URL(page.url);
      next.searchParams.set("g", gate);
      page = await fetchHosterPage(this.hoster, next.href, ctx, { referer: page.url, headers });
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

/** The video id in `/embed-<id>.html`, `/w/<id>`, `/e/<id>` and the like: the path's last segment. */
function videoId(url: string): string | null {
  const path = new URL(url).pathname;
  return (
    /\/embed-([A-Za-z0-9_-]+)\.html$/.exec(path)?.[1] ??
    /\/([A-Za-z0-9_-]+)(?:\.html)?\/?$/.exec(path)?.[1] ??
    null
  );
}

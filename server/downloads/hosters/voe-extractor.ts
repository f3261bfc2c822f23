import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  mediaKind,
  pageHeaders,
} from "./hoster-extractor.ts";

const JUNK_MARKERS = ["@$", "^^", "~@", "%?", "*~", "!!", "#&"];
const MAX_STUB_HOPS = 2;

/**
 * VOE: voe.sx first answers with a small "Redirecting..." stub (`window.location.href = '…'` or a meta
 * refresh) to an alias host; the player page there holds an obfuscated payload — a JSON array, a bare
 * JSON string, or the older `'hls': '<base64>'` — decoded as ROT13 → junk markers → base64 → shift −3 →
 * reversed → base64 — whose `source` is HLS, or whose `direct_access_url` is an MP4 when there is no HLS.
 * The stream wants the alias page as Referer and Origin.
 */
export class VoeExtractor implements HosterExtractor {
  readonly hoster = "VOE";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    let page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    for (let hop = 0; hop < MAX_STUB_HOPS; hop++) {
      if (payloadOf(page.text)) break;
      const next = stubTarget(page.text);
      if (!next) break;
      page = await fetchHosterPage(this.hoster, absoluteMediaUrl(this.hoster, next, page.url), ctx, {
        referer: page.url,
      });
    }
    const source = payloadOf(page.text);
    if (!source)
      throw new HosterError(this.hoster, "parse", "no source payload on the page (the page layout changed)");
    const url = absoluteMediaUrl(this.hoster, source, page.url);
    return { kind: mediaKind(url), url, headers: pageHeaders(page.url, true) };
  }
}

/** The player URL a redirect stub sends the browser to: the quoted assignment (the first may be a variable). */
export function stubTarget(html: string): string | null {
  for (const m of html.matchAll(/window\.location(?:\.href)?\s*=\s*(['"])(https?:\/\/[^'"]+)\1/g))
    if (m[2]) return m[2];
  return (
    /<meta[^>]+http-equiv=["']?refresh["']?[^>]+content=["']?\d+\s*;\s*url=([^"'>\s]+)/i.exec(html)?.[1] ??
    null
  );
}

/** The stream URL in a player page's payload, in any of its shapes; null when there is none. */
export function payloadOf(html: string): string | null {
  const script = /<script[^>]+type=["']application\/json["'][^>]*>([\s\S]*?)<\/script>/i
    .exec(html)?.[1]
    ?.trim();
  if (script) {
    let blob: unknown;
    try {
      blob = JSON.parse(script);
    } catch {
      blob = null;
    }
    const text = Array.isArray(blob) ? blob[0] : blob;
    if (typeof text === "string") {
      // HLS when there is one; videos without an HLS rendition give only the MP4.
      const decoded = voeDecode(text);
      const source = [decoded?.source, decoded?.direct_access_url].find((s) => typeof s === "string" && s);
      if (typeof source === "string") return source;
    }
  }
  const legacy = /['"]hls['"]\s*:\s*['"]([A-Za-z0-9+/=]+)['"]/.exec(html)?.[1];
  if (legacy) {
    try {
      const url = atob(legacy);
      if (/^https?:\/\//.test(url)) return url;
    } catch {
      return null;
    }
  }
  return null;
}

/** Undoes VOE's obfuscation; null when any step fails (a changed scheme or a garbage page). */
export function voeDecode(blob: string): Record<string, unknown> | null {
  try {
    let s = blob.replace(/[a-z]/gi, (c) => {
      const base = c <= "Z" ? 65 : 97;
      return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
    });
    for (const marker of JUNK_MARKERS) s = s.split(marker).join("");
    s = atob(s.replace(/_/g, ""));
    s = [...s].map((c) => String.fromCharCode(c.charCodeAt(0) - 3)).join("");
    s = [...s].reverse().join("");
    const json: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0))),
    );
    return json && typeof json === "object" && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

import {
  absoluteMediaUrl,
  BROWSER_HEADERS,
  fetchHosterText,
  HosterError,
  type HosterExtractor,
  type MediaSource,
} from "./hoster-extractor.ts";

const JUNK_MARKERS = ["@$", "^^", "~@", "%?", "*~", "!!", "#&"];

/**
 * VOE: a `<script type="application/json">["…"]</script>` blob, obfuscated as ROT13 → junk markers →
 * base64 → characters shifted by 3 → reversed → base64; the decoded JSON's `source` is an HLS playlist.
 */
export class VoeExtractor implements HosterExtractor {
  readonly hoster = "VOE";

  async extract(embedUrl: string, signal?: AbortSignal): Promise<MediaSource> {
    const page = await fetchHosterText(this.hoster, embedUrl, signal ? { signal } : {});
    const blob = /<script[^>]+type=["']application\/json["'][^>]*>\s*\[\s*"([^"]+)"\s*\]\s*<\/script>/i.exec(
      page,
    )?.[1];
    if (!blob) throw new HosterError(this.hoster, "parse", "no obfuscated source blob on the page");
    const decoded = voeDecode(blob);
    const source = decoded?.source ?? decoded?.direct_access_url;
    if (typeof source !== "string" || !source)
      throw new HosterError(this.hoster, "parse", "the source blob did not decode to a source");
    const url = absoluteMediaUrl(this.hoster, source, embedUrl);
    return {
      kind: /\.m3u8(\?|$)/.test(new URL(url).pathname + new URL(url).search) ? "hls" : "file",
      url,
      headers: { "User-Agent": BROWSER_HEADERS["User-Agent"]!, Referer: embedUrl },
    };
  }
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

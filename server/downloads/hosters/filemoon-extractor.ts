import * as v from "valibot";
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

const PlaybackSchema = v.object({
  key_parts: v.array(v.string()),
  iv: v.string(),
  payload: v.string(),
  version: v.optional(v.unknown()),
});

const PlainSchema = v.object({
  sources: v.array(v.object({ url: v.optional(v.string()), file: v.optional(v.string()) })),
});

/**
 * Filemoon (Byse): the embed page is a script shell; playback data comes from `/api/videos/<code>`,
 * encrypted with AES-256-GCM (key = the 16-byte `key_parts` joined, nonce = `iv`, payload = ciphertext +
 * tag, all base64url). Newer answers pad `key_parts` with 24-byte decoys. Older pages hold packed
 * JavaScript with `sources:[{file:"…m3u8"}]` instead.
 */
export class FilemoonExtractor implements HosterExtractor {
  readonly hoster = "Filemoon";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const code = /\/(?:e|d|v|embed)\/([A-Za-z0-9_-]{2,64})/.exec(new URL(embedUrl).pathname)?.[1];
    if (code) {
      const fromApi = await this.fromApi(embedUrl, code, ctx).catch((error: unknown) => {
        if (ctx.signal?.aborted) throw error;
        if (error instanceof HosterError && (error.reason === "blocked" || error.reason === "refused"))
          throw error;
        return null;
      });
      if (fromApi) return fromApi;
    }
    const page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    for (const script of [...unpackAll(page.text), page.text]) {
      const found = playerFile(script);
      if (found) {
        const url = absoluteMediaUrl(this.hoster, found, page.url);
        return { kind: mediaKind(url), url, headers: pageHeaders(page.url, true) };
      }
    }
    throw new HosterError(
      this.hoster,
      "parse",
      "neither the playback API nor the page gave a source (the page layout changed)",
    );
  }

  private async fromApi(embedUrl: string, code: string, ctx: ExtractContext): Promise<MediaSource | null> {
    const api = new URL(`/api/videos/${code}`, embedUrl).href;
    const answer = await fetchHosterPage(this.hoster, api, ctx, { kind: "xhr", referer: embedUrl });
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      return null;
    }
    const root =
      json && typeof json === "object" && "playback" in json
        ? (json as { playback: unknown }).playback
        : json;
    const playback = v.safeParse(PlaybackSchema, root);
    if (!playback.success) return null;
    const plain = await decryptPlayback(playback.output);
    const parsed = v.safeParse(PlainSchema, plain);
    const found = parsed.success
      ? parsed.output.sources.map((s) => s.url ?? s.file).find((u) => !!u)
      : undefined;
    if (!found) throw new HosterError(this.hoster, "parse", "the decrypted playback data holds no source");
    const url = absoluteMediaUrl(this.hoster, found, embedUrl);
    return { kind: mediaKind(url), url, headers: pageHeaders(embedUrl, true) };
  }
}

/** AES-256-GCM through WebCrypto; the key is the 16-byte parts joined (the 24-byte ones are decoys). */
export async function decryptPlayback(p: v.InferOutput<typeof PlaybackSchema>): Promise<unknown> {
  const parts = p.key_parts.map(base64Url);
  const real = parts.filter((b) => b.length === 16);
  const key = concat(real.length >= 2 ? real.slice(0, 2) : parts);
  if (key.length !== 32) throw new HosterError("Filemoon", "parse", "the playback key is not 256 bits");
  try {
    const cryptoKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: base64Url(p.iv) },
      cryptoKey,
      base64Url(p.payload),
    );
    return JSON.parse(new TextDecoder().decode(plain));
  } catch (cause) {
    throw new HosterError("Filemoon", "parse", "the playback data did not decrypt", { cause });
  }
}

export function base64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch (cause) {
    throw new HosterError("Filemoon", "parse", "the playback data is not base64", { cause });
  }
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

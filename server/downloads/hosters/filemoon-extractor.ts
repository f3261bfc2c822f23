import * as v from "valibot";
import { messageOf } from "../../lib/error-message.ts";
import { decryptPlayback, PlaybackSchema } from "./byse-playback.ts";
import {
  absoluteMediaUrl,
  type ExtractContext,
  failsWholeHost,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  mediaKind,
  pageHeaders,
  playerFile,
} from "./hoster-extractor.ts";
import { unpackAll } from "./js-unpacker.ts";

const SourcesSchema = v.object({
  sources: v.array(v.object({ url: v.optional(v.string()), file: v.optional(v.string()) })),
});
const DetailsSchema = v.object({ embed_frame_url: v.pipe(v.string(), v.url()) });

/**
 * Filemoon (Byse): the embed page is a script shell; the player asks an API for playback data, encrypted
 * (see byse-playback.ts). Byse installs answer on different endpoints, so each is tried in turn:
 * `/api/videos/<code>`, `/api/videos/<code>/embed/details` (which names the frame) followed by the frame
 * host's `…/embed/playback` (with Referer and X-Embed-Parent), and `POST …/playback`. Older pages hold
 * packed JavaScript with `sources:[{file:"…m3u8"}]` instead, the last resort.
 */
export class FilemoonExtractor implements HosterExtractor {
  readonly hoster = "Filemoon";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const code = codeOf(embedUrl);
    let apiFailure = "the link names no video code";
    if (code) {
      for (const ask of [this.videos, this.embedPlayback, this.postPlayback]) {
        try {
          const source = await ask.call(this, embedUrl, code, ctx);
          if (source) return source;
          apiFailure = "no playback data in the answer";
        } catch (error) {
          if (ctx.signal?.aborted || failsWholeHost(error)) throw error;
          apiFailure = messageOf(error);
        }
      }
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
      `neither the playback API (last: ${apiFailure.replace(/^Filemoon: /, "")}) nor the page gave a source`,
    );
  }

  private async videos(embedUrl: string, code: string, ctx: ExtractContext): Promise<MediaSource | null> {
    const api = new URL(`/api/videos/${code}`, embedUrl).href;
    const answer = await fetchHosterPage(this.hoster, api, ctx, { kind: "xhr", referer: embedUrl });
    return this.sourceOf(answer.text, embedUrl);
  }

  /** details names the frame the player runs in; its host serves the playback for that frame. */
  private async embedPlayback(
    embedUrl: string,
    code: string,
    ctx: ExtractContext,
  ): Promise<MediaSource | null> {
    let frame = embedUrl;
    try {
      const details = await fetchHosterPage(
        this.hoster,
        new URL(`/api/videos/${code}/embed/details`, embedUrl).href,
        ctx,
        { kind: "xhr", referer: embedUrl },
      );
      const parsed = v.safeParse(DetailsSchema, jsonOf(details.text));
      if (parsed.success) frame = parsed.output.embed_frame_url;
    } catch (error) {
      // Without details the player's own page is the frame, as on installs that skip that step.
      if (ctx.signal?.aborted || failsWholeHost(error)) throw error;
    }
    const frameCode = codeOf(frame) ?? code;
    const answer = await fetchHosterPage(
      this.hoster,
      new URL(`/api/videos/${frameCode}/embed/playback`, frame).href,
      ctx,
      { kind: "xhr", referer: frame, headers: { "X-Embed-Parent": embedUrl } },
    );
    return this.sourceOf(answer.text, frame);
  }

  private async postPlayback(
    embedUrl: string,
    code: string,
    ctx: ExtractContext,
  ): Promise<MediaSource | null> {
    const answer = await fetchHosterPage(
      this.hoster,
      new URL(`/api/videos/${code}/playback`, embedUrl).href,
      ctx,
      {
        kind: "xhr",
        method: "POST",
        body: "{}",
        referer: embedUrl,
        headers: {
          "Content-Type": "application/json",
          "X-Embed-Parent": embedUrl,
          Origin: new URL(embedUrl).origin,
        },
      },
    );
    return this.sourceOf(answer.text, embedUrl);
  }

  /** The stream in an API answer: `{playback: {…}}`, the playback object itself, or plain `sources`. */
  private async sourceOf(text: string, pageUrl: string): Promise<MediaSource | null> {
    const json = jsonOf(text);
    const root = json && typeof json === "object" && "playback" in json ? json.playback : json;
    let plain: unknown = root;
    const playback = v.safeParse(PlaybackSchema, root);
    if (playback.success) plain = await decryptPlayback(playback.output);
    else if (!v.is(SourcesSchema, root)) return null;
    const parsed = v.safeParse(SourcesSchema, plain);
    const found = parsed.success
      ? parsed.output.sources.map((s) => s.url ?? s.file).find((u) => !!u)
      : undefined;
    if (!found) throw new HosterError(this.hoster, "parse", "the playback data holds no source");
    const url = absoluteMediaUrl(this.hoster, found, pageUrl);
    return { kind: mediaKind(url), url, headers: pageHeaders(pageUrl, true) };
  }
}

function codeOf(url: string): string | null {
  return /\/(?:e|d|v|embed)\/([A-Za-z0-9_-]{2,64})/.exec(new URL(url).pathname)?.[1] ?? null;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

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

/** One playback request: where, how, and the page the answer's stream belongs to. */
interface PlaybackAsk {
  url: string;
  method: "GET" | "POST";
  /** The page the player runs in: the request's Referer and the stream's. */
  page: string;
  /** Sent as X-Embed-Parent (the page that embeds the player). */
  parent?: string;
}

/**
 * Filemoon (Byse): the embed page is a script shell; the player asks an API for playback data, encrypted
 * (see byse-playback.ts). Byse installs answer on different endpoints, so each is asked in turn:
 * `/api/videos/<code>`; the frame `…/embed/details` names, whose host serves `…/embed/playback` (with the
 * frame as Referer and X-Embed-Parent), by GET and by POST; `POST /api/videos/<code>/playback`. Older pages
 * hold packed JavaScript with `sources:[{file:"…m3u8"}]` instead, the last resort.
 */
export class FilemoonExtractor implements HosterExtractor {
  readonly hoster = "Filemoon";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const code = codeOf(embedUrl);
    let apiFailure = "the link names no video code";
    if (code) {
      let frame: Promise<{ url: string; code: string }> | null = null;
      const embedPlayback = async (method: "GET" | "POST"): Promise<PlaybackAsk> => {
        frame ??= this.frameOf(embedUrl, code, ctx);
        const f = await frame;
        const url = new URL(`/api/videos/${f.code}/embed/playback`, f.url).href;
        return { url, method, page: f.url, parent: embedUrl };
      };
      const asks: (() => Promise<PlaybackAsk>)[] = [
        async () => ({ url: new URL(`/api/videos/${code}`, embedUrl).href, method: "GET", page: embedUrl }),
        () => embedPlayback("GET"),
        () => embedPlayback("POST"),
        async () => ({
          url: new URL(`/api/videos/${code}/playback`, embedUrl).href,
          method: "POST",
          page: embedUrl,
          parent: embedUrl,
        }),
      ];
      for (const ask of asks) {
        try {
          const source = await this.playback(await ask(), ctx);
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

  /** The frame the player runs in, as `…/embed/details` names it; the embed page itself without details. */
  private async frameOf(
    embedUrl: string,
    code: string,
    ctx: ExtractContext,
  ): Promise<{ url: string; code: string }> {
    try {
      const details = await fetchHosterPage(
        this.hoster,
        new URL(`/api/videos/${code}/embed/details`, embedUrl).href,
        ctx,
        { kind: "xhr", referer: embedUrl },
      );
      const parsed = v.safeParse(DetailsSchema, jsonOf(details.text));
      if (parsed.success) {
        const url = parsed.output.embed_frame_url;
        return { url, code: codeOf(url) ?? code };
      }
    } catch (error) {
      if (ctx.signal?.aborted || failsWholeHost(error)) throw error;
    }
    return { url: embedUrl, code };
  }

  private async playback(ask: PlaybackAsk, ctx: ExtractContext): Promise<MediaSource | null> {
    const headers: Record<string, string> = ask.parent ? { "X-Embed-Parent": ask.parent } : {};
    if (ask.method === "POST") {
      headers["Content-Type"] = "application/json";
      headers.Origin = new URL(ask.page).origin;
    }
    const answer = await fetchHosterPage(this.hoster, ask.url, ctx, {
      kind: "xhr",
      referer: ask.page,
      headers,
      ...(ask.method === "POST" ? { method: "POST" as const, body: "{}" } : {}),
    });
    return this.sourceOf(answer.text, ask.page);
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

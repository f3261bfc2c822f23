/**
 * A stand-in for video hosters on 127.0.0.1 (tests, bench, demo). Serves `/<hoster>/e/<code>` embed pages
 * shaped like each hoster's (hoster-embeds.ts), the gates and player APIs around them (hoster-routes.ts),
 * the media they point to (direct files with HTTP Range, or HLS master + media playlists + .ts segments,
 * optionally with a separate audio rendition) and hostile variants: 404, 410, captcha, garbage, a 521
 * "Web server is down", stalls, throttling, mid-stream disconnects, a segment that fails once and an audio
 * rendition that breaks after its first segment. The catalogue stand-in redirects
 * `/redirect/<id>` to `${url}/${hoster.toLowerCase()}/e/${slug}-s${season}e${episode}-${language}`.
 *
 * Runs on node:http rather than Bun.serve: Bun.serve (1.4.5) drops an explicit Content-Length from any
 * streamed body and answers chunked, and real hosters send Content-Length, which the downloader verifies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { embedPage } from "./hoster-embeds.ts";
import { mediaSlice, segmentSeed } from "./hoster-media.ts";
import { captchaPage, cloudflareDownPage, garbagePage } from "./hoster-pages.ts";
import { html, m3u8, type Reply, text } from "./hoster-replies.ts";
import { type EmbedVariant, embedGate, playerRoute, type RouteContext } from "./hoster-routes.ts";

export type { EmbedVariant } from "./hoster-routes.ts";

export interface HosterBehaviour {
  /** Size of a direct media file; default 1 MiB plus a little per code. */
  mediaSize: (code: string) => number;
  /** Rate limit in bytes per second; 0 = as fast as possible. */
  throttleBytesPerSecond: number;
  /**
   * What the limit applies to: each response, or each video (all the responses of one code together,
   * HLS segments fetched side by side included), as a hoster or a line that caps a download does.
   */
  throttleScope: "response" | "video";
  /** Drop the connection after this many body bytes, for the next `disconnectTimes` media responses. */
  disconnectAfterBytes: number;
  disconnectTimes: number;
  /** Answer Range requests with 206 (true) or ignore Range and send 200 with everything (false). */
  rangeSupport: boolean;
  /** HLS: number of segments and bytes per segment of the best variant. */
  hlsSegments: number;
  hlsSegmentBytes: number;
  /** HLS segment indexes that answer 500 the first time each is asked for (per code). */
  hlsFailOnce: number[];
  /**
   * HLS: segments of a separate audio rendition, listed by the master as `#EXT-X-MEDIA:TYPE=AUDIO`;
   * 0 = the audio is muxed into the video segments and the master lists no rendition.
   */
  hlsAudioSegments: number;
  /**
   * A direct file's responses (and each HLS segment's) stop before the byte at this offset of the file (of
   * the segment) and wait there until `releaseHold()`: a transfer caught half-way, for as long as a test
   * needs; -1 = never.
   */
  holdAt: number;
  /** Per "hoster/code" or "hoster/*" (whole hoster); default "ok". */
  variants: Record<string, EmbedVariant>;
}

export interface HosterCounters {
  /** Media body bytes handed to the network (files and segments). */
  mediaBytes: number;
  mediaRequests: number;
  rangeRequests: number;
  embedRequests: number;
  segmentRequests: number;
  paths: string[];
}

export interface HosterServer {
  url: string;
  behaviour: HosterBehaviour;
  counters: HosterCounters;
  resetCounters(): void;
  /** Media bodies being sent right now (a killed client's response ends when the stand-in notices). */
  openMediaResponses(): number;
  /** Media responses waiting at `behaviour.holdAt`. */
  waitingAtHold(): number;
  /** Lets every response waiting at the hold go on, and the later ones pass it. */
  releaseHold(): void;
  /** The direct file URL for a code (what Vidoza pages point to). */
  fileUrl(code: string, hoster?: string): string;
  stop(): Promise<void>;
}

const DEFAULTS: HosterBehaviour = {
  mediaSize: (code) => (1 << 20) + (code.length % 97) * 13,
  throttleBytesPerSecond: 0,
  throttleScope: "response",
  disconnectAfterBytes: 0,
  disconnectTimes: 0,
  rangeSupport: true,
  hlsSegments: 6,
  hlsSegmentBytes: 48 * 1024,
  hlsFailOnce: [],
  hlsAudioSegments: 0,
  holdAt: -1,
  variants: {},
};

/** Bytes of segment `index` (sizes vary a little so a lost or doubled segment changes the total). */
export const segmentSize = (b: HosterBehaviour, index: number) => b.hlsSegmentBytes + index * 11;
export const HLS_VARIANTS = ["low", "high"] as const;

export async function startHosterServer(options: Partial<HosterBehaviour> = {}): Promise<HosterServer> {
  // Own copies of the mutable parts: tests change `variants` per server, never for the servers after them.
  const behaviour: HosterBehaviour = {
    ...DEFAULTS,
    ...options,
    variants: { ...options.variants },
    hlsFailOnce: [...(options.hlsFailOnce ?? DEFAULTS.hlsFailOnce)],
  };
  const counters = freshCounters();
  const failedOnce = new Set<string>();
  const stalls = new Set<() => void>();
  const holds = new Set<() => void>();
  /** Per video (throttleScope "video"): when its next byte may go out. */
  const videoPace = new Map<string, number>();
  let openMedia = 0;
  let origin = "";

  const variantOf = (hoster: string, code: string): EmbedVariant =>
    behaviour.variants[`${hoster}/${code}`] ?? behaviour.variants[`${hoster}/*`] ?? "ok";

  const server = createServer((req, res) => {
    route(req)
      .then((out) => send(res, out))
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function route(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? "/", origin);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    counters.paths.push(url.pathname);
    const referer = String(req.headers.referer ?? "");
    const [first, second, third] = parts;
    const ctx: RouteContext = { origin, req, url, parts, variantOf };
    if (parts.length === 3 && second === "e" && first && third)
      return embedGate(ctx, first, third) ?? embed(first, third);
    const player = playerRoute(ctx);
    if (player) return player;
    if (first === "media" && second && third) return media(req, second, third.replace(/\.(mp4|mkv)$/, ""));
    if (first === "dood" && second === "cloud" && third) {
      if (!url.searchParams.get("token") || !referer.includes("/doodstream/e/"))
        return text("forbidden", 403);
      return media(req, "doodstream", third);
    }
    if (first === "hls" && second && third) return hls(referer, second, third, parts.slice(3));
    return text("not found", 404);
  }

  function embed(hoster: string, code: string): Reply {
    counters.embedRequests++;
    const variant = variantOf(hoster, code);
    if (variant === "not_found") return html("<h1>File not found</h1>", 404);
    if (variant === "gone") return html("<h1>This video has been removed</h1>", 410);
    if (variant === "captcha") return html(captchaPage(), 403);
    if (variant === "garbage") return html(garbagePage());
    if (variant === "down") return html(cloudflareDownPage(`${hoster}.stand-in`), 521);
    if (variant === "down_page") return html(cloudflareDownPage(`${hoster}.stand-in`));
    return embedPage(origin, hoster, code);
  }

  // Media URLs carry the hoster too, so one code can fail on one hoster and work on another.
  const mediaVariant = variantOf;

  function media(req: IncomingMessage, hoster: string, code: string): Reply {
    counters.mediaRequests++;
    const variant = mediaVariant(hoster, code);
    if (variant === "media404") return text("gone", 404);
    const size = behaviour.mediaSize(code);
    const range = req.headers.range;
    const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (m && behaviour.rangeSupport) {
      counters.rangeRequests++;
      const start = Number(m[1]);
      const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
      if (start >= size) return { status: 416, headers: { "content-range": `bytes */${size}` }, body: "" };
      return body(
        code,
        start,
        end + 1,
        206,
        {
          "content-range": `bytes ${start}-${end}/${size}`,
          "accept-ranges": "bytes",
        },
        variant === "stall" ? 0 : variant === "stall_midway" ? 64 * 1024 : -1,
        behaviour.holdAt,
      );
    }
    return body(
      code,
      0,
      size,
      200,
      { "accept-ranges": behaviour.rangeSupport ? "bytes" : "none" },
      variant === "stall" ? 0 : variant === "stall_midway" ? 64 * 1024 : -1,
      behaviour.holdAt,
    );
  }

  function hls(referer: string, hoster: string, code: string, rest: string[]): Reply {
    const variant = mediaVariant(hoster, code);
    if (variant === "media404") return text("gone", 404);
    // Vidmoly's CDN wants its player host as Referer; VOE's wants the alias page (Referer and Origin).
    if (hoster === "vidmoly" && !referer.startsWith(origin)) return text("forbidden", 403);
    if (hoster === "voe" && !code.includes("-classic") && !referer.includes("/voe-alias/e/"))
      return text("forbidden", 403);
    const [a, b] = rest;
    if (a === "master.m3u8") {
      const lines = ["#EXTM3U", "#EXT-X-VERSION:3"];
      const audio = behaviour.hlsAudioSegments > 0 ? ',AUDIO="aud"' : "";
      if (audio)
        lines.push(
          '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="Deutsch",LANGUAGE="de",DEFAULT=YES,AUTOSELECT=YES,URI="audio/index.m3u8"',
        );
      lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360${audio}`, "low/index.m3u8");
      // The best variant is listed by absolute URL to exercise both kinds of reference.
      lines.push(
        `#EXT-X-STREAM-INF:BANDWIDTH=2400000,RESOLUTION=1280x720${audio}`,
        `${origin}/hls/${hoster}/${encodeURIComponent(code)}/high/index.m3u8`,
      );
      return m3u8(lines);
    }
    if (a && b === "index.m3u8") {
      const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:10", "#EXT-X-MEDIA-SEQUENCE:0"];
      const count = a === "high" ? behaviour.hlsSegments : a === "audio" ? behaviour.hlsAudioSegments : 2;
      const ext = a === "audio" ? "aac" : "ts";
      for (let i = 0; i < count; i++) lines.push("#EXTINF:10.0,", `seg-${i}.${ext}`);
      lines.push("#EXT-X-ENDLIST");
      return m3u8(lines);
    }
    const seg = b ? /^seg-(\d+)\.(?:ts|aac)$/.exec(b) : null;
    if (a && seg) {
      counters.segmentRequests++;
      const index = Number(seg[1]);
      const audioFault = a === "audio" && index > 0 ? variant : "ok";
      if (audioFault === "audio_gone") return text("gone", 404);
      const key = `${code}/${a}/${index}`;
      if (behaviour.hlsFailOnce.includes(index) && !failedOnce.has(key)) {
        failedOnce.add(key);
        return text("upstream hiccup", 500);
      }
      const seed = segmentSeed(code, a, index);
      const type = a === "audio" ? "audio/aac" : "video/mp2t";
      const stallAt = audioFault === "audio_stall" ? 0 : -1;
      return body(
        seed,
        0,
        segmentSize(behaviour, index),
        200,
        { "content-type": type },
        stallAt,
        behaviour.holdAt,
      );
    }
    return text("not found", 404);
  }

  function body(
    seed: string,
    start: number,
    end: number,
    status: number,
    headers: Record<string, string>,
    /** Go silent after this many bytes of this response; -1 = never. */
    stallAt: number,
    /** Wait before this offset of the file until the hold is released; -1 = never. */
    holdAt = -1,
  ): Reply {
    const dropAt =
      behaviour.disconnectTimes > 0 && behaviour.disconnectAfterBytes > 0
        ? behaviour.disconnectAfterBytes
        : 0;
    if (dropAt) behaviour.disconnectTimes--;
    return {
      status,
      headers: { "content-type": "video/mp4", "content-length": String(end - start), ...headers },
      body: { seed, start, end, dropAt, stallAt, holdAt },
    };
  }

  /** Writes a reply; a media body is generated chunk by chunk with backpressure, throttling and faults. */
  async function send(res: ServerResponse, reply: Reply): Promise<void> {
    res.writeHead(reply.status, reply.headers);
    if (typeof reply.body === "string") return void res.end(reply.body);
    const { seed, start, end, dropAt, stallAt, holdAt } = reply.body;
    const rate = behaviour.throttleBytesPerSecond;
    const chunkSize = rate > 0 ? Math.max(1024, Math.min(256 * 1024, Math.floor(rate / 20))) : 256 * 1024;
    const began = performance.now();
    let closed = false;
    let onClose = () => {};
    openMedia++;
    res.on("close", () => {
      closed = true;
      openMedia--;
      onClose();
    });
    let sent = 0;
    for (let at = start; at < end && !closed; ) {
      if (stallAt >= 0 && sent >= stallAt) {
        // Keeps the connection open without sending anything until the client gives up.
        await new Promise<void>((resolve) => {
          stalls.add(resolve);
          onClose = resolve;
        });
        return void res.destroy();
      }
      if (dropAt && sent >= dropAt) return void res.destroy();
      if (holdAt >= 0 && at >= holdAt && behaviour.holdAt >= 0) {
        await new Promise<void>((resolve) => {
          const go = () => {
            holds.delete(go);
            resolve();
          };
          holds.add(go);
          onClose = go;
        });
        if (closed) break;
      }
      let n = Math.min(chunkSize, end - at);
      if (holdAt > at && behaviour.holdAt >= 0) n = Math.min(n, holdAt - at);
      if (dropAt) n = Math.min(n, dropAt - sent);
      if (stallAt > 0) n = Math.min(n, stallAt - sent);
      if (rate > 0 && behaviour.throttleScope === "video") {
        // A media seed is the code, or `code/variant/index` for an HLS segment: the code names the video.
        const video = seed.split("/")[0] ?? seed;
        const at = Math.max(performance.now(), videoPace.get(video) ?? 0) + (n / rate) * 1000;
        videoPace.set(video, at);
        const wait = at - performance.now();
        if (wait > 0) await Bun.sleep(wait);
        if (closed) break;
      } else if (rate > 0) {
        const wait = began + ((sent + n) / rate) * 1000 - performance.now();
        if (wait > 0) await Bun.sleep(wait);
        // The client may have gone while we slept: nothing more is handed to the network.
        if (closed) break;
      }
      const chunk = mediaSlice(seed, at, n);
      at += chunk.length;
      sent += chunk.length;
      counters.mediaBytes += chunk.length;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          onClose = resolve;
          res.once("drain", resolve);
        });
    }
    if (!closed) res.end();
  }

  return {
    url: origin,
    behaviour,
    counters,
    resetCounters() {
      Object.assign(counters, freshCounters());
    },
    openMediaResponses: () => openMedia,
    waitingAtHold: () => holds.size,
    releaseHold() {
      behaviour.holdAt = -1;
      for (const release of [...holds]) release();
    },
    fileUrl: (code, hoster = "vidoza") => `${origin}/media/${hoster}/${encodeURIComponent(code)}.mp4`,
    async stop() {
      for (const release of [...stalls, ...holds]) release();
      stalls.clear();
      holds.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function freshCounters(): HosterCounters {
  return {
    mediaBytes: 0,
    mediaRequests: 0,
    rangeRequests: 0,
    embedRequests: 0,
    segmentRequests: 0,
    paths: [],
  };
}

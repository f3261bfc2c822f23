/**
 * The hoster stand-in's per-hoster routes besides embed pages and media: what a code's variant does, the
 * gates some embed pages put first (Vidmoly), and the player pages and APIs the extractors call after the
 * embed page (Doodstream's frame and pass_md5, Filemoon's Byse API, LoadX's FirePlayer).
 */
import type { IncomingMessage } from "node:http";
import { type ByseShape, byseApi } from "./byse-api.ts";
import { loadxApi } from "./hoster-embeds.ts";
import {
  captchaPage,
  doodstreamFramePage,
  loadxPage,
  vidmolyTurnstilePage,
  vidmolyWaitPage,
} from "./hoster-pages.ts";
import { html, type Reply, text } from "./hoster-replies.ts";

/** What one embed code does. "media404": the page is fine but its media answers 404. */
export type EmbedVariant =
  | "ok"
  | "not_found"
  | "gone"
  | "captcha"
  | "garbage"
  /** Cloudflare's 521 "Web server is down" page instead of the embed page. */
  | "down"
  /** The same page with status 200, as a front end that passes Cloudflare's answer on sends it. */
  | "down_page"
  | "media404"
  /** Media headers arrive, then never a byte. */
  | "stall"
  /** Every media response sends up to 64 KiB, then goes silent (a resuming client still gets it all). */
  | "stall_midway"
  /** HLS with a separate audio rendition: its first segment arrives, every later one answers 404. */
  | "audio_gone"
  /** HLS with a separate audio rendition: its first segment arrives, every later one never sends a byte. */
  | "audio_stall"
  /** Filemoon's Byse API answers only on details → embed/playback (see byse-api.ts). */
  | "byse_details"
  /** Filemoon's Byse API answers only on details → POST embed/playback. */
  | "byse_post"
  /** Filemoon's Byse API answers only on POST /api/videos/<code>/playback. */
  | "byse_post_playback"
  /** Filemoon's Byse key hidden among 16-byte decoys listed first. */
  | "byse_decoys"
  /** Filemoon's Byse key among so many 16-byte decoys that only its `version` pointer finds it. */
  | "byse_pointed";

export interface RouteContext {
  origin: string;
  req: IncomingMessage;
  url: URL;
  /** The path's segments, decoded. */
  parts: string[];
  variantOf: (hoster: string, code: string) => EmbedVariant;
}

const VIDMOLY_GATE = "0123456789abcdef0123456789abcdef";

/**
 * Vidmoly's gates before the player: "-gate" codes get the "Please wait" page until the `?g=` token its
 * script reloads with; "-cookie" codes get a Turnstile challenge (403) until the
 * `cf_turnstile_demo_pass_<id>=1` cookie.
 */
export function embedGate(c: RouteContext, hoster: string, code: string): Reply | null {
  if (hoster !== "vidmoly") return null;
  if (code.includes("-gate") && !/^[0-9a-f]{32}$/.test(c.url.searchParams.get("g") ?? ""))
    return html(vidmolyWaitPage(VIDMOLY_GATE));
  const cookie = String(c.req.headers.cookie ?? "");
  if (code.includes("-cookie") && !cookie.split(/;\s*/).includes(`cf_turnstile_demo_pass_${code}=1`))
    return html(vidmolyTurnstilePage(), 403);
  return null;
}

/** The pages and APIs a player asks for after its embed page; null when the path is none of them. */
export function playerRoute(c: RouteContext): Reply | Promise<Reply> | null {
  const { origin, req, url, parts } = c;
  const [first, second, third] = parts;
  if (!third) return first === "player" && second === "index.php" ? loadxApi(origin, req, url) : null;
  // Doodstream's /d/<id> page frames /e/<id>.
  if (first === "doodstream" && second === "d")
    return html(doodstreamFramePage(`/doodstream/e/${encodeURIComponent(third)}`));
  // Filemoon (Byse): the playback API at the host's root, encrypted.
  if (first === "api" && second === "videos") {
    const variant = c.variantOf("filemoon", third);
    // A challenge in front of the hoster covers its API too.
    if (variant === "captcha") return html(captchaPage(), 403);
    return byseApi(origin, req, third, parts.slice(3), byseShape(third, variant));
  }
  // LoadX: the link lands on /loadx/video/<hash>; the player asks POST /player/index.php?do=getVideo.
  if (first === "loadx" && second === "video") return html(loadxPage(third));
  if (first === "pass_md5" && parts.length === 3) {
    // Doodstream checks that the page asked (Referer) and answers with the media URL's prefix.
    if (!String(req.headers.referer ?? "").includes("/doodstream/e/")) return text("no", 403);
    return text(`${origin}/dood/cloud/${encodeURIComponent(third)}/`);
  }
  return null;
}

/** The Byse install a Filemoon code meets: packed-page codes and missing videos have no API. */
function byseShape(code: string, variant: EmbedVariant): ByseShape {
  if (code.includes("-packed") || variant === "not_found" || variant === "gone") return "none";
  if (variant === "byse_details") return "details";
  if (variant === "byse_post") return "post";
  if (variant === "byse_post_playback") return "post_playback";
  if (variant === "byse_decoys") return "decoys";
  if (variant === "byse_pointed") return "pointed";
  return "ok";
}

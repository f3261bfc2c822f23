/**
 * Hoster extractors turn an embed page URL (where the catalogue's /redirect/<id> points) into a media
 * source: a direct file or an HLS playlist, plus the headers the hoster wants on the download.
 */
import type { HttpClient } from "../../providers/http/http-client.ts";
import { ProviderError } from "../../providers/provider-error.ts";

export interface MediaSource {
  kind: "file" | "hls";
  url: string;
  /** Headers to send with every media request (Referer, Origin); the User-Agent is the run's identity. */
  headers: Record<string, string>;
}

/** What an extractor gets: the shared HTTP layer (identity, cookies, proxy, private-address rule, caps). */
export interface ExtractContext {
  http: HttpClient;
  signal?: AbortSignal;
}

export interface HosterExtractor {
  /** Canonical hoster name as the catalogue shows it ("VOE", "Filemoon", …). */
  readonly hoster: string;
  extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource>;
}

/** Why a hoster could not give a source; the queue records it and moves on to the next hoster. */
export type HosterFailure =
  | "not_found"
  | "gone"
  | "captcha"
  | "blocked"
  | "refused"
  | "parse"
  | "http"
  | "network"
  | "unsupported";

export class HosterError extends ProviderError {
  constructor(
    hoster: string,
    readonly reason: HosterFailure,
    message: string,
    options?: { status?: number | null; cause?: unknown },
  ) {
    super(hoster, options?.status ?? null, `${hoster}: ${message}`, {
      cause: options?.cause,
      retryable: reason === "network" || reason === "http",
      ...(reason === "blocked"
        ? { code: "blocked" as const }
        : reason === "refused"
          ? { code: "refused" as const }
          : {}),
    });
  }
}

const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export interface HosterPage {
  text: string;
  /** The page's own URL after redirects (alias domains). */
  url: string;
}

/** Fetches a hoster page (or API answer) as text, mapping every failure to a HosterError with a reason. */
export async function fetchHosterPage(
  hoster: string,
  url: string,
  ctx: ExtractContext,
  options: {
    headers?: Record<string, string>;
    referer?: string;
    kind?: "document" | "xhr";
    method?: "GET" | "POST";
    body?: string;
  } = {},
): Promise<HosterPage> {
  let res: Awaited<ReturnType<HttpClient["request"]>>;
  try {
    res = await ctx.http.request({
      provider: hoster,
      url,
      allowedHosts: "any",
      maxBytes: MAX_PAGE_BYTES,
      kind: options.kind ?? "document",
      retry: { maxRetries: 1 },
      ...(options.method ? { method: options.method } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.referer ? { referer: options.referer } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    throw asHosterError(hoster, error);
  }
  const text = res.text();
  if (looksLikeCaptcha(text))
    throw new HosterError(hoster, "captcha", "the hoster asks for a captcha", { status: res.status });
  // Cloudflare's "Web server is down" page may come as a normal answer (a hoster's front end passing it on).
  if (/web server is down/i.test(text)) throw serverDown(hoster, CLOUDFLARE_SERVER_DOWN);
  return { text, url: res.url };
}

/** The status of Cloudflare's "Web server is down" answer. */
const CLOUDFLARE_SERVER_DOWN = 521;

/**
 * The hoster's own server behind Cloudflare is down or unreachable (Cloudflare's 520–527): retryable later,
 * and the queue goes on to the next hoster.
 */
function serverDown(hoster: string, status: number): HosterError {
  return new HosterError(hoster, "http", `the hoster's web server is down (HTTP ${status})`, { status });
}

function asHosterError(hoster: string, error: unknown): HosterError {
  if (error instanceof HosterError) return error;
  if (!(error instanceof ProviderError))
    return new HosterError(hoster, "network", "the page could not be loaded", { cause: error });
  const message = error.message.replace(new RegExp(`^${hoster}: `), "");
  if (error.code === "blocked")
    return new HosterError(hoster, "blocked", message, { status: error.status, cause: error });
  if (error.code === "refused") return new HosterError(hoster, "refused", message, { cause: error });
  // An answer that arrived but could not be taken (larger than the cap, cut short).
  if (error.status !== null && error.status < 400)
    return new HosterError(hoster, "unsupported", message, { status: error.status, cause: error });
  if (error.status === 404)
    return new HosterError(hoster, "not_found", "video not found (404)", { status: 404 });
  if (error.status === 410) return new HosterError(hoster, "gone", "video removed (410)", { status: 410 });
  if (error.status === 403)
    return new HosterError(hoster, "blocked", "access refused (403)", { status: 403 });
  if (error.status !== null && error.status >= 520 && error.status <= 527)
    return serverDown(hoster, error.status);
  if (error.status !== null)
    return new HosterError(hoster, "http", `HTTP ${error.status}`, { status: error.status });
  return new HosterError(hoster, "network", message, { cause: error });
}

/**
 * Whether a failure covers the whole host, so no other URL there can get past it: a challenge page of an
 * anti-bot service (which asHosterError keeps as the cause; a plain 403 is one URL refusing) or an address
 * we may not reach.
 */
export function failsWholeHost(error: unknown): boolean {
  if (!(error instanceof HosterError)) return false;
  if (error.reason === "refused") return true;
  return error.reason === "blocked" && error.cause instanceof ProviderError && error.cause.code === "blocked";
}

export function looksLikeCaptcha(html: string): boolean {
  return /g-recaptcha|h-captcha|challenge-form/i.test(html);
}

/** Resolves a URL found in a page against the page's URL; only http(s) results are accepted. */
export function absoluteMediaUrl(hoster: string, found: string, pageUrl: string): string {
  let url: URL;
  try {
    url = new URL(found.replace(/\\\//g, "/"), pageUrl);
  } catch {
    throw new HosterError(hoster, "parse", "the media URL is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new HosterError(hoster, "parse", `unexpected media URL scheme ${url.protocol}`);
  return url.href;
}

/** HLS when the URL names a playlist, else a direct file. */
export function mediaKind(url: string): "hls" | "file" {
  const u = new URL(url);
  return /\.m3u8$/i.test(u.pathname) || /\.m3u8/i.test(u.search) ? "hls" : "file";
}

/** The Referer (and Origin) a hoster's CDN expects: the page the player ran on. */
export function pageHeaders(pageUrl: string, withOrigin = false): Record<string, string> {
  return withOrigin ? { Referer: pageUrl, Origin: new URL(pageUrl).origin } : { Referer: pageUrl };
}

/** `file:"…"` / `sources:[{file:"…"}]` / `src:"…"` in a player setup (plain or unpacked). */
export function playerFile(script: string): string | null {
  return (
    /sources\s*:\s*\[\s*\{\s*["']?file["']?\s*:\s*["']([^"']+)["']/.exec(script)?.[1] ??
    /["']?file["']?\s*:\s*["']([^"']+\.(?:m3u8|mp4)[^"']*)["']/.exec(script)?.[1] ??
    null
  );
}

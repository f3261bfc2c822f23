/**
 * Hoster extractors turn an embed page URL (where the catalogue's /redirect/<id> points) into a media
 * source: a direct file or an HLS playlist, plus the headers the hoster wants on the download.
 */
import { ProviderError } from "../../providers/provider-error.ts";

export interface MediaSource {
  kind: "file" | "hls";
  url: string;
  /** Headers to send with every media request (Referer, User-Agent). */
  headers: Record<string, string>;
}

export interface HosterExtractor {
  /** Canonical hoster name as the catalogue shows it ("VOE", "Vidoza", …). */
  readonly hoster: string;
  extract(embedUrl: string, signal?: AbortSignal): Promise<MediaSource>;
}

/** Why a hoster could not give a source; the queue records it and moves on to the next hoster. */
export type HosterFailure =
  | "not_found"
  | "gone"
  | "captcha"
  | "blocked"
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
    });
  }
}

/** Browser-like headers: hosters answer plain HTTP clients with 403 or a challenge page. */
export const BROWSER_HEADERS: Record<string, string> = {
  "User-Agent":
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Accept-Language": "de-DE,de;q=0.9,en;q=0.8",
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
};

const PAGE_TIMEOUT_MS = 20_000;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Fetches a hoster page as text, mapping every failure to a HosterError with a reason. */
export async function fetchHosterText(
  hoster: string,
  url: string,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<string> {
  const signals = [AbortSignal.timeout(PAGE_TIMEOUT_MS)];
  if (options.signal) signals.push(options.signal);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { ...BROWSER_HEADERS, ...options.headers },
      signal: AbortSignal.any(signals),
      redirect: "follow",
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new HosterError(hoster, "network", `could not reach ${new URL(url).host}`, { cause });
  }
  const text = await readCapped(res, MAX_PAGE_BYTES).catch((cause) => {
    throw new HosterError(hoster, "network", "the page could not be read", { cause });
  });
  if (looksLikeCaptcha(text))
    throw new HosterError(hoster, "captcha", "the hoster asks for a captcha", { status: res.status });
  if (res.status === 404)
    throw new HosterError(hoster, "not_found", "video not found (404)", { status: 404 });
  if (res.status === 410) throw new HosterError(hoster, "gone", "video removed (410)", { status: 410 });
  if (res.status === 403) throw new HosterError(hoster, "blocked", "access refused (403)", { status: 403 });
  if (!res.ok) throw new HosterError(hoster, "http", `HTTP ${res.status}`, { status: res.status });
  return text;
}

async function readCapped(res: Response, max: number): Promise<string> {
  const len = Number(res.headers.get("content-length") ?? 0);
  if (len > max) throw new Error("page too large");
  const buf = await res.arrayBuffer();
  if (buf.byteLength > max) throw new Error("page too large");
  return new TextDecoder().decode(buf);
}

export function looksLikeCaptcha(html: string): boolean {
  return /cf-turnstile|g-recaptcha|h-captcha|challenge-form|<title>\s*Just a moment/i.test(html);
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

import { backoffDelay } from "../../lib/retry.ts";
import { type Sleep, sleep } from "../../lib/sleep.ts";
import type { RequestKind } from "../net/browser-identity.ts";
import { challengeName, detectChallenge } from "../net/challenge.ts";
import type { Solution } from "../net/flaresolverr.ts";
import { NO_NETWORK_CONFIG, Outbound } from "../net/outbound.ts";
import { ProviderError } from "../provider-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { readBodyLimited } from "./read-body.ts";
import { DEFAULT_RETRY_POLICY, isRetryableStatus, type RetryPolicy, retryAfterMs } from "./retry-policy.ts";

/**
 * The one HTTP layer every provider and hoster uses: per-host rate limit, a timeout per attempt, bounded
 * retries with backoff + jitter (Retry-After honoured) on 429/5xx/network errors, a size limit enforced
 * while reading, challenge detection (solved through FlareSolverr when configured, else a `blocked`
 * error carrying the advice), and ProviderError for every failure. Requests go out through `Outbound`
 * (browser identity, cookies, proxy, the private-address rule on every redirect hop).
 */
export interface HttpRequest {
  /** Name used in errors and logs ("aniworld", "tmdb", "VOE"). */
  provider: string;
  url: string | URL;
  method?: "GET" | "POST";
  body?: string;
  kind?: RequestKind;
  referer?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** "manual": a 3xx is returned as it is (its Location is the answer); default "follow". */
  redirect?: "follow" | "manual";
  /** Hosts a redirect may lead to; default: only the request's own host; "any": every host (still guarded). */
  allowedHosts?: readonly string[] | "any";
  maxBytes?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface HttpResult {
  status: number;
  /** The final URL after redirects. */
  url: string;
  headers: Headers;
  body: Uint8Array;
  text(): string;
  json(): unknown;
}

export interface HttpClient {
  readonly net: Outbound;
  request(request: HttpRequest): Promise<HttpResult>;
}

export interface HttpClientOptions {
  limiter: RateLimiter;
  net?: Outbound;
  timeoutMs?: number;
  maxBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Called before each retry wait (logging, tests). */
  onRetry?: (info: {
    provider: string;
    url: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }) => void;
  sleep?: Sleep;
  random?: () => number;
}

/** How much of an error answer is read to recognise a challenge page. */
const ERROR_BODY_BYTES = 256 * 1024;
const BLOCK_BACKOFF_MS = 2_000;
const MAX_BLOCK_BACKOFF_MS = 120_000;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const sleepFor = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const net = options.net ?? new Outbound(NO_NETWORK_CONFIG);
  const blockedInARow = new Map<string, number>();

  async function attempt(
    req: HttpRequest,
    url: URL,
    timeoutMs: number,
    maxBytes: number,
  ): Promise<HttpResult> {
    const allowed =
      req.allowedHosts === "any"
        ? null
        : new Set((req.allowedHosts ?? [url.host]).map((h) => h.toLowerCase()));
    let solution: Solution | null = null;
    for (;;) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let response: Response;
      let finalUrl: URL;
      try {
        ({ response, url: finalUrl } = await net.fetch(req.provider, {
          url,
          ...(req.method ? { method: req.method } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
          kind: req.kind ?? "document",
          ...(req.referer ? { referer: req.referer } : {}),
          ...(req.headers ? { headers: req.headers } : {}),
          signal,
          redirect: req.redirect ?? "follow",
          beforeHop: (hop: URL) => options.limiter.acquire(hop.host, req.signal),
          ...(allowed ? { allowHop: (hop: URL) => allowed.has(hop.host.toLowerCase()) } : {}),
        }));
      } catch (error) {
        throw networkError(req, error, timeout);
      }
      const status = response.status;
      if (req.redirect === "manual" && status >= 300 && status < 400) {
        await response.body?.cancel().catch(() => {});
        return result(req, status, finalUrl, response.headers, new Uint8Array(0));
      }
      let body: Uint8Array;
      try {
        body = await readBodyLimited(
          response,
          status >= 400 ? Math.min(maxBytes, ERROR_BODY_BYTES) : maxBytes,
          req.provider,
        );
      } catch (error) {
        if (timeout.aborted || req.signal?.aborted) throw networkError(req, error, timeout);
        if (status >= 400 && error instanceof ProviderError) body = new Uint8Array(0);
        else throw error;
      }
      const text = looksTextual(response.headers) ? new TextDecoder().decode(body) : null;
      const challenge = detectChallenge(status, response.headers, text);
      if (challenge) {
        penalize(finalUrl.host);
        if (solution === null && net.hasSolver) {
          // Solve once, then try directly again with the clearance cookies and the solver's User-Agent.
          solution = await net.solve(req.provider, finalUrl, req.signal);
          continue;
        }
        if (
          solution &&
          solution.status < 400 &&
          !detectChallenge(solution.status, new Headers(), solution.body)
        ) {
          // The solver's browser followed the redirect we were asked to report: report where it went.
          if (req.redirect === "manual" && solution.url && solution.url !== finalUrl.toString())
            return result(req, 302, finalUrl, new Headers({ location: solution.url }), new Uint8Array(0));
          return result(
            req,
            solution.status,
            finalUrl,
            new Headers(),
            unwrapBrowserJson(solution.body, req.kind),
          );
        }
        throw net.blocked(req.provider, finalUrl, null, challengeName(challenge));
      }
      blockedInARow.delete(finalUrl.host);
      if (status >= 400)
        throw new ProviderError(req.provider, status, `${finalUrl.pathname} answered ${status}`, {
          retryable: isRetryableStatus(status),
          cause: { retryAfter: response.headers.get("retry-after") },
        });
      return result(req, status, finalUrl, response.headers, body);
    }
  }

  /** Backs the host's rate off while it blocks us: asking again at once only deepens the block. */
  function penalize(host: string): void {
    const n = (blockedInARow.get(host) ?? 0) + 1;
    blockedInARow.set(host, n);
    options.limiter.penalize?.(host, Math.min(MAX_BLOCK_BACKOFF_MS, BLOCK_BACKOFF_MS * 2 ** (n - 1)));
  }

  return {
    net,
    async request(req) {
      const url = new URL(req.url);
      const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, ...req.retry };
      const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 20_000;
      const maxBytes = req.maxBytes ?? options.maxBytes ?? 5 * 1024 * 1024;
      for (let n = 0; ; n++) {
        try {
          return await attempt(req, url, timeoutMs, maxBytes);
        } catch (error) {
          if (req.signal?.aborted) throw req.signal.reason;
          if (!(error instanceof ProviderError) || !error.retryable || n >= policy.maxRetries) throw error;
          const hinted = retryAfterMs(retryAfterOf(error), policy);
          const delayMs =
            hinted ?? backoffDelay(n + 1, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs }, random);
          options.onRetry?.({
            provider: req.provider,
            url: url.toString(),
            attempt: n + 1,
            delayMs,
            reason: error.message,
          });
          await sleepFor(delayMs, req.signal);
        }
      }
    },
  };
}

function result(req: HttpRequest, status: number, url: URL, headers: Headers, body: Uint8Array): HttpResult {
  return {
    status,
    url: url.toString(),
    headers,
    body,
    text: () => new TextDecoder().decode(body),
    json: () => {
      try {
        return JSON.parse(new TextDecoder().decode(body)) as unknown;
      } catch (cause) {
        throw new ProviderError(req.provider, status, "the answer is not JSON", { cause, retryable: false });
      }
    },
  };
}

function looksTextual(headers: Headers): boolean {
  const type = (headers.get("content-type") ?? "").toLowerCase();
  return type === "" || /text|html|json|javascript|xml/.test(type);
}

/** A browser shows JSON inside `<pre>`: FlareSolverr hands back that page, not the JSON itself. */
function unwrapBrowserJson(body: string, kind: RequestKind | undefined): Uint8Array {
  const pre = kind === "xhr" ? /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(body)?.[1] : undefined;
  const text = pre
    ? pre
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
    : body;
  return new TextEncoder().encode(text);
}

function retryAfterOf(error: ProviderError): string | null {
  const cause = error.cause as { retryAfter?: unknown } | undefined;
  return typeof cause?.retryAfter === "string" ? cause.retryAfter : null;
}

function networkError(req: HttpRequest, error: unknown, timeout: AbortSignal): unknown {
  if (req.signal?.aborted) return req.signal.reason;
  if (error instanceof ProviderError && !timeout.aborted) return error;
  const message = timeout.aborted ? "the request timed out" : "the connection failed";
  return new ProviderError(req.provider, null, message, { cause: error, retryable: true });
}

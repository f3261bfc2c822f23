import { backoffDelay } from "../../lib/retry.ts";
import { type Sleep, sleep } from "../../lib/sleep.ts";
import { ProviderError } from "../provider-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { readBodyLimited } from "./read-body.ts";
import { DEFAULT_RETRY_POLICY, isRetryableStatus, type RetryPolicy, retryAfterMs } from "./retry-policy.ts";

/**
 * The one HTTP layer every provider uses: per-host rate limit, a timeout per attempt, bounded retries with
 * backoff + jitter (Retry-After honoured) on 429/5xx/network errors, a size limit enforced while reading,
 * redirects followed only to allowed hosts, and ProviderError for every failure.
 */
export interface HttpRequest {
  /** Name used in errors and logs ("aniworld", "tmdb"). */
  provider: string;
  url: string | URL;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** "manual": a 3xx is returned as it is (its Location is the answer); default "follow". */
  redirect?: "follow" | "manual";
  /** Hosts a redirect may lead to; default: only the request's own host. */
  allowedHosts?: readonly string[];
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
  request(request: HttpRequest): Promise<HttpResult>;
}

export interface HttpClientOptions {
  limiter: RateLimiter;
  /** Sent with every request unless the request overrides them. */
  defaultHeaders?: Record<string, string>;
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

/** A current desktop browser's identity: the catalogue answers plain HTTP clients with 403. */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  "User-Agent":
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Accept-Language": "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7",
};

const MAX_REDIRECTS = 5;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const sleepFor = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const defaults = { ...BROWSER_HEADERS, ...options.defaultHeaders };

  async function attempt(
    req: HttpRequest,
    url: URL,
    timeoutMs: number,
    maxBytes: number,
  ): Promise<HttpResult> {
    const allowed = new Set((req.allowedHosts ?? [url.host]).map((h) => h.toLowerCase()));
    let current = url;
    for (let hop = 0; ; hop++) {
      if (!allowed.has(current.host.toLowerCase()))
        throw new ProviderError(
          req.provider,
          null,
          `refusing to contact ${current.host}: not a provider host`,
          {
            retryable: false,
          },
        );
      await options.limiter.acquire(current.host, req.signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await fetch(current, {
          headers: { ...defaults, ...req.headers },
          signal,
          redirect: "manual",
        });
      } catch (error) {
        throw networkError(req, error, timeout);
      }
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location && req.redirect !== "manual") {
        await response.body?.cancel().catch(() => {});
        if (hop >= MAX_REDIRECTS)
          throw new ProviderError(req.provider, response.status, "too many redirects", { retryable: false });
        current = new URL(location, current);
        continue;
      }
      if (response.status >= 400) {
        await response.body?.cancel().catch(() => {});
        throw new ProviderError(
          req.provider,
          response.status,
          `${current.pathname} answered ${response.status}`,
          {
            retryable: isRetryableStatus(response.status),
            cause: { retryAfter: response.headers.get("retry-after") },
          },
        );
      }
      let body: Uint8Array;
      try {
        body = await readBodyLimited(response, maxBytes, req.provider);
      } catch (error) {
        if (timeout.aborted || req.signal?.aborted) throw networkError(req, error, timeout);
        throw error;
      }
      const finalUrl = current.toString();
      return {
        status: response.status,
        url: finalUrl,
        headers: response.headers,
        body,
        text: () => new TextDecoder().decode(body),
        json: () => {
          try {
            return JSON.parse(new TextDecoder().decode(body)) as unknown;
          } catch (cause) {
            throw new ProviderError(req.provider, response.status, "the answer is not JSON", {
              cause,
              retryable: false,
            });
          }
        },
      };
    }
  }

  return {
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

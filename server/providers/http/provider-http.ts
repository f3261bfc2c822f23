import { createHttpClient, type HttpClient, type HttpClientOptions } from "./http-client.ts";
import { type RateLimiter, shareOf, TokenBucketLimiter } from "./rate-limiter.ts";

/** Plain configuration (structured-clone friendly, so a Worker can receive it in a message). */
export interface ProviderHttpConfig {
  catalogUrl: string;
  tmdbUrl: string;
  tmdbImageUrl: string;
  catalogRatePerSecond: number;
  tmdbRatePerSecond: number;
  /** How many threads each hold such a client: each gets 1/n of every rate (see rate-limiter.ts). */
  shareAmong?: number;
}

/** The per-host rates the settings imply: catalogue host at its rate, TMDB API and image hosts at TMDB's. */
export function providerRates(config: ProviderHttpConfig): Record<string, number> {
  const n = config.shareAmong ?? 1;
  const rates: Record<string, number> = {};
  rates[new URL(config.tmdbImageUrl).host] = shareOf(config.tmdbRatePerSecond, n);
  rates[new URL(config.tmdbUrl).host] = shareOf(config.tmdbRatePerSecond, n);
  // Set last: when everything runs on one host (the offline stand-ins) the catalogue's polite rate wins.
  rates[new URL(config.catalogUrl).host] = shareOf(config.catalogRatePerSecond, n);
  return rates;
}

/**
 * One HTTP client for all providers with its own token buckets. Pass `limiter` to use a brokered one
 * instead (then the rates in `config` are the broker's business).
 */
export function createProviderHttp(
  config: ProviderHttpConfig,
  extra: Partial<HttpClientOptions> = {},
): { http: HttpClient; limiter: RateLimiter } {
  const limiter = extra.limiter ?? new TokenBucketLimiter(providerRates(config));
  return { http: createHttpClient({ ...extra, limiter }), limiter };
}

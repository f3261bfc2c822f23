/** Plain configuration (structured-clone friendly, so a Worker can receive it in a message). */
export interface ProviderHttpConfig {
  catalogUrl: string;
  tmdbUrl: string;
  tmdbImageUrl: string;
  catalogRatePerSecond: number;
  tmdbRatePerSecond: number;
}

/** The per-host rates the settings imply: catalogue host at its rate, TMDB API and image hosts at TMDB's. */
export function providerRates(config: ProviderHttpConfig): Record<string, number> {
  const rates: Record<string, number> = {};
  rates[new URL(config.tmdbImageUrl).host] = config.tmdbRatePerSecond;
  rates[new URL(config.tmdbUrl).host] = config.tmdbRatePerSecond;
  // Set last: when everything runs on one host (the offline stand-ins) the catalogue's polite rate wins.
  rates[new URL(config.catalogUrl).host] = config.catalogRatePerSecond;
  return rates;
}

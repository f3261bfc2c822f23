import { join } from "node:path";
import type { CatalogSearchItem } from "../../shared/catalog.ts";
import { AppError } from "../../shared/errors.ts";
import type { Settings } from "../../shared/settings.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { createCatalogProvider } from "../providers/aniworld/aniworld-provider.ts";
import type { CatalogProvider } from "../providers/contracts.ts";
import { createHttpClient, type HttpClient } from "../providers/http/http-client.ts";
import { providerRates } from "../providers/http/provider-http.ts";
import { TokenBucketLimiter } from "../providers/http/rate-limiter.ts";
import { NETWORK_SETTING_KEYS, networkConfig, networkSourcesOf } from "../providers/net/network-config.ts";
import { Outbound } from "../providers/net/outbound.ts";
import { ProviderError } from "../providers/provider-error.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { CatalogCoverService } from "./catalog-cover-service.ts";

/**
 * The main thread's view of the catalogue: owns the provider HTTP client and its token buckets (rates follow
 * the settings live), and serves catalog.search and the catalogue covers. Workers can broker their tokens through `limiter`.
 */
export class CatalogService {
  readonly limiter: TokenBucketLimiter;
  /** Titles and years of recent search results, so a series added from them is named right at once. */
  private readonly seen = new Map<string, { title: string; year: number | null }>();
  readonly http: HttpClient;
  readonly provider: CatalogProvider;
  /** Covers for the web app, relayed through our origin. */
  readonly covers: CatalogCoverService;

  constructor(
    private readonly config: Config,
    settings: SettingsService,
    private readonly logger: Logger,
  ) {
    this.limiter = new TokenBucketLimiter(this.rates(settings.get()));
    const net = new Outbound(networkConfig(networkSourcesOf(config), settings.get()));
    settings.onChange((next, changed) => {
      if (changed.includes("catalogRatePerSecond") || changed.includes("tmdbRatePerSecond"))
        for (const [host, rate] of Object.entries(this.rates(next))) this.limiter.setRate(host, rate);
      if (NETWORK_SETTING_KEYS.some((k) => changed.includes(k)))
        net.configure(networkConfig(networkSourcesOf(config), next));
    });
    this.http = createHttpClient({
      limiter: this.limiter,
      net,
      onRetry: (info) => this.logger.debug("provider request retried", info),
    });
    this.provider = createCatalogProvider({
      baseUrl: config.catalogUrl,
      http: this.http,
      pageCopyDir: join(config.dataDir, "page-copies"),
    });
    this.covers = new CatalogCoverService(this.http, config.catalogUrl);
  }

  private rates(s: Settings): Record<string, number> {
    return providerRates({
      catalogUrl: this.config.catalogUrl,
      tmdbUrl: this.config.tmdbUrl,
      tmdbImageUrl: this.config.tmdbImageUrl,
      catalogRatePerSecond: s.catalogRatePerSecond,
      tmdbRatePerSecond: s.tmdbRatePerSecond,
    });
  }

  async search(query: string, signal?: AbortSignal): Promise<CatalogSearchItem[]> {
    try {
      const items = await this.provider.search(query, signal);
      for (const item of items) this.remember(item);
      return items;
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn("catalogue search failed", { status: error.status, error: error.message });
      if (error.code === "blocked")
        throw new AppError("PRECONDITION_FAILED", error.message, { cause: error });
      if (error.status === 429)
        throw new AppError("TOO_MANY_REQUESTS", "the catalogue asks us to slow down; try again shortly", {
          cause: error,
        });
      throw new AppError("INTERNAL", `the catalogue search failed: ${error.message}`, { cause: error });
    }
  }

  /** What the last search said about this catalogue key, if it was among the results. */
  seenTitle(catalogKey: string): { title: string; year: number | null } | undefined {
    return this.seen.get(catalogKey.toLowerCase());
  }

  private remember(item: CatalogSearchItem): void {
    const key = item.catalogKey.toLowerCase();
    this.seen.delete(key);
    this.seen.set(key, { title: item.title, year: item.startYear });
    // Oldest first in a Map: keep the most recent few hundred.
    for (const old of this.seen.keys()) {
      if (this.seen.size <= SEEN_LIMIT) break;
      this.seen.delete(old);
    }
  }
}

const SEEN_LIMIT = 500;

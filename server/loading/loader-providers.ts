import type { LoaderWorkerConfig } from "../../shared/loader-messages.ts";
import { createMetadataWriter } from "../metadata/metadata-writer.ts";
import { createCatalogProvider } from "../providers/aniworld/aniworld-provider.ts";
import { createHttpClient } from "../providers/http/http-client.ts";
import type { RateLimiter } from "../providers/http/rate-limiter.ts";
import { Outbound } from "../providers/net/outbound.ts";
import type { LoaderProviders } from "./series-job.ts";

let workerNet: Outbound | null = null;

/**
 * Builds the catalogue provider and metadata writer the loader worker uses, from the plain configuration
 * the main thread sends. Their HTTP client takes its tokens from `limiter`: the main thread's token buckets
 * (which also serve catalog.search), attached through shared memory, so each provider's rate holds across
 * all threads.
 */
export function createLoaderProviders(config: LoaderWorkerConfig, limiter: RateLimiter): LoaderProviders {
  // One outbound layer for the worker's life: a new configuration (FlareSolverr or proxy set) updates it,
  // keeping its cookies, its solver session and the identity adopted from FlareSolverr.
  if (workerNet) workerNet.configure(config.network);
  else workerNet = new Outbound(config.network);
  const http = createHttpClient({ limiter, net: workerNet });
  return {
    catalog: createCatalogProvider({ baseUrl: config.catalogUrl, http, pageCopyDir: config.pageCopyDir }),
    metadata: createMetadataWriter({
      libraryRoot: config.libraryRoot,
      language: config.metadataLanguage,
      catalog: { baseUrl: config.catalogUrl },
      tmdb: config.tmdbApiKey
        ? { apiKey: config.tmdbApiKey, baseUrl: config.tmdbUrl, imageBaseUrl: config.tmdbImageUrl }
        : null,
      http,
    }),
  };
}

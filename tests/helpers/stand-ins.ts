import { startCatalogueServer } from "../../scripts/stand-ins/catalogue-server.ts";
import { startTmdbServer } from "../../scripts/stand-ins/tmdb-server.ts";
import { createHttpClient, type HttpClientOptions } from "../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../server/providers/http/rate-limiter.ts";
import { loopbackNet } from "./outbound.ts";

export const TMDB_KEY = "0123456789abcdef0123456789abcdef";

/** Catalogue + TMDB stand-ins sharing one sample catalogue, and an HTTP client whose waits are recorded. */
export function startStandIns(options: { tmdbKey?: string } = {}) {
  const catalogue = startCatalogueServer({ requireBrowserHeaders: true });
  const tmdb = startTmdbServer({ apiKey: options.tmdbKey ?? TMDB_KEY, series: catalogue.series });
  return {
    catalogue,
    tmdb,
    async stop() {
      await Promise.all([catalogue.stop(), tmdb.stop()]);
    },
  };
}

/** An HTTP client without rate limits whose retry waits are recorded instead of slept (no timing in tests). */
export function recordingHttp(extra: Partial<HttpClientOptions> = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    limiter: new TokenBucketLimiter(),
    net: loopbackNet(),
    sleep: async (ms) => {
      waits.push(ms);
    },
    timeoutMs: 2_000,
    ...extra,
  });
  return { http, waits };
}

/** The ANIWORLD_* variables that point a test server's providers at the stand-ins (never the internet). */
export function standInEnv(standIns: ReturnType<typeof startStandIns>): Record<string, string> {
  return {
    ANIWORLD_CATALOG_URL: standIns.catalogue.url,
    ANIWORLD_TMDB_URL: standIns.tmdb.apiUrl,
    ANIWORLD_TMDB_IMAGE_URL: standIns.tmdb.imageUrl,
    // The hoster stand-ins the catalogue redirects to are on loopback too.
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
  };
}

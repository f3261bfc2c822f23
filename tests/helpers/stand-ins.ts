import { episodes } from "../../db/schema/index.ts";
import { startCatalogueServer } from "../../scripts/stand-ins/catalogue-server.ts";
import { startHosterServer } from "../../scripts/stand-ins/hoster-server.ts";
import { startTmdbServer } from "../../scripts/stand-ins/tmdb-server.ts";
import { createHttpClient, type HttpClientOptions } from "../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../server/providers/http/rate-limiter.ts";
import { loopbackNet } from "./outbound.ts";
import { insertSeriesRow } from "./rows.ts";
import { startSignedInServer } from "./sign-in.ts";
import { httpClient } from "./test-server.ts";

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

/**
 * A signed-in test server whose catalogue stand-in links episodes to the hoster stand-in, with the
 * catalogue's first series already in the library as a bare row (no loading): the start of the tests that
 * add episodes to that series and download or count them.
 */
export async function startServerWithSampleSeries() {
  const hoster = await startHosterServer();
  const catalogue = startCatalogueServer({ count: 2, hosterBaseUrl: hoster.url });
  const { server, creds } = await startSignedInServer({
    ANIWORLD_CATALOG_URL: catalogue.url,
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
  });
  const sample = catalogue.series[0];
  if (!sample) throw new Error("the catalogue stand-in has no series");
  const seriesId = insertSeriesRow(server.app.services.db.db, {
    catalogKey: `aniworld:${sample.slug}`,
    title: sample.titleDe,
    folder: sample.slug,
  });
  return {
    hoster,
    catalogue,
    server,
    creds,
    sample,
    seriesId,
    /**
     * A new German Dub episode of the sample's season 3 on `hosters`, known to the library (not on disk), queued
     * for download through the API; the download's id and the episode's number.
     */
    async queueNewEpisode(hosters: string[]) {
      const added = catalogue.addEpisode(sample.slug, 3, { languages: ["de"], hosters });
      const episodeId = server.app.services.db.db
        .insert(episodes)
        .values({ seriesId, season: 3, number: added.number, languages: ["de"], updatedAt: 0 })
        .returning({ id: episodes.id })
        .get().id;
      const api = httpClient(server.url, creds.cookieHeaders);
      const [id] = (await api.downloads.enqueue.mutate({ episodeIds: [episodeId] })).queued;
      if (id === undefined) throw new Error("the episode was not queued");
      return { id, number: added.number };
    },
    async stop() {
      await server.close();
      await Promise.all([catalogue.stop(), hoster.stop()]);
    },
  };
}

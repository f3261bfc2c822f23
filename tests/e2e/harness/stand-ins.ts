import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { startTmdbServer } from "../../../scripts/stand-ins/tmdb-server.ts";

export const E2E_TMDB_KEY = "0123456789abcdef0123456789abcdef";

/** Catalogue, TMDB and hoster stand-ins on loopback, and the ANIWORLD_* variables that point the app at them. */
export async function startStandIns() {
  const hoster = await startHosterServer({});
  const catalogue = startCatalogueServer({ hosterBaseUrl: hoster.url });
  const tmdb = startTmdbServer({ apiKey: E2E_TMDB_KEY, series: catalogue.series });
  return {
    catalogue,
    tmdb,
    hoster,
    env: {
      ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
      ANIWORLD_CATALOG_URL: catalogue.url,
      ANIWORLD_TMDB_URL: tmdb.apiUrl,
      ANIWORLD_TMDB_IMAGE_URL: tmdb.imageUrl,
      // System → Health checks the hoster stand-in, never the real hoster domains.
      ANIWORLD_HOSTER_URLS: hoster.url,
    },
    async stop() {
      await Promise.all([catalogue.stop(), tmdb.stop(), hoster.stop()]);
    },
  };
}

import { existsSync } from "node:fs";
import { join } from "node:path";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { startTmdbServer } from "../../../scripts/stand-ins/tmdb-server.ts";

export const E2E_TMDB_KEY = "0123456789abcdef0123456789abcdef";

interface Stoppable {
  url: string;
  stop(): Promise<void> | void;
}

/** The hoster stand-in belongs to the downloads capability; without it the flow stops before downloading. */
async function startHosterIfPresent(): Promise<Stoppable | null> {
  const path = join(import.meta.dir, "..", "..", "..", "scripts", "stand-ins", "hoster-server.ts");
  if (!existsSync(path)) return null;
  const mod = (await import(path)) as { startHosterServer?: (o?: object) => Stoppable | Promise<Stoppable> };
  return mod.startHosterServer ? await mod.startHosterServer({}) : null;
}

/** Catalogue, TMDB and hoster stand-ins on loopback, and the ANIWORLD_* variables that point the app at them. */
export async function startStandIns() {
  const hoster = await startHosterIfPresent();
  const catalogue = startCatalogueServer(hoster ? { hosterBaseUrl: hoster.url } : {});
  const tmdb = startTmdbServer({ apiKey: E2E_TMDB_KEY, series: catalogue.series });
  return {
    catalogue,
    tmdb,
    hoster,
    env: {
      ANIWORLD_CATALOG_URL: catalogue.url,
      ANIWORLD_TMDB_URL: tmdb.apiUrl,
      ANIWORLD_TMDB_IMAGE_URL: tmdb.imageUrl,
    },
    async stop() {
      await Promise.all([catalogue.stop(), tmdb.stop(), hoster?.stop()]);
    },
  };
}

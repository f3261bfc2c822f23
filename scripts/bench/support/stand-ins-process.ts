/**
 * Child process of the bench: the catalogue and TMDB stand-ins on loopback, so serving the loader's
 * requests never shares an event loop with the load generator (which would delay both the stand-ins'
 * answers and the generator's timing). Prints one JSON line with the URLs and slugs; stops on SIGTERM.
 * Usage: bun scripts/bench/support/stand-ins-process.ts <count> <tmdbApiKey>
 */
import { startCatalogueServer } from "../../stand-ins/catalogue-server.ts";
import { startTmdbServer } from "../../stand-ins/tmdb-server.ts";

const count = Number(process.argv[2] ?? "50");
const apiKey = process.argv[3] ?? "";
const catalogue = startCatalogueServer({ count });
const tmdb = startTmdbServer({ apiKey, series: catalogue.series });
console.log(
  JSON.stringify({
    catalogUrl: catalogue.url,
    tmdbUrl: tmdb.apiUrl,
    tmdbImageUrl: tmdb.imageUrl,
    slugs: catalogue.series.map((s) => s.slug),
  }),
);
process.on("SIGTERM", () => {
  Promise.all([catalogue.stop(), tmdb.stop()]).then(() => process.exit(0));
});

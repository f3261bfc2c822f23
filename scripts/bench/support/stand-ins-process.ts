/**
 * Child process of the bench: the catalogue, TMDB and hoster stand-ins on loopback, so serving the app's
 * requests never shares an event loop with the load generator (which would delay both the stand-ins'
 * answers and the generator's timing). Prints one JSON line with the URLs and slugs; stops on SIGTERM.
 * Usage: bun scripts/bench/support/stand-ins-process.ts <count> <tmdbApiKey> [<hosterBytesPerSecondPerVideo>]
 */
import { startCatalogueServer } from "../../stand-ins/catalogue-server.ts";
import { startHosterServer } from "../../stand-ins/hoster-server.ts";
import { startTmdbServer } from "../../stand-ins/tmdb-server.ts";

/**
 * Every episode is a long video (1 GiB direct, or 1,024 HLS segments of 1 MiB), so a download started
 * during a benchmark is still running when the benchmark ends.
 */
const MEDIA_BYTES = 1024 ** 3;
const SEGMENT_BYTES = 1024 ** 2;

const count = Number(process.argv[2] ?? "50");
const apiKey = process.argv[3] ?? "";
const hoster = await startHosterServer({
  mediaSize: () => MEDIA_BYTES,
  hlsSegments: MEDIA_BYTES / SEGMENT_BYTES,
  hlsSegmentBytes: SEGMENT_BYTES,
  throttleBytesPerSecond: Number(process.argv[4] ?? "0"),
  throttleScope: "video",
});
const catalogue = startCatalogueServer({ count, hosterBaseUrl: hoster.url });
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
  Promise.all([catalogue.stop(), tmdb.stop(), hoster.stop()]).then(() => process.exit(0));
});

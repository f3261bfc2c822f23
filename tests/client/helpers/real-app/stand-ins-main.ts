/**
 * Run by Bun as a child of a DOM test (vitest runs on Node, the stand-ins on Bun.serve): the catalogue and
 * hoster stand-ins on loopback. Prints one JSON line with the catalogue's URL and slugs; stops on SIGTERM.
 * Every video is 8 MiB (direct or HLS), so the app's bandwidth limit decides whether a download crawls
 * (it stays "downloading" through a test) or finishes at once (limit off).
 */
import { startCatalogueServer } from "../../../../scripts/stand-ins/catalogue-server.ts";
import { startHosterServer } from "../../../../scripts/stand-ins/hoster-server.ts";

// Small segments: the app's bandwidth limit lets a transfer take a whole segment and sleep off the debt,
// and a sleep begun under the crawling limit outlasts the switch to no limit.
const SEGMENT_BYTES = 64 * 1024;
const SEGMENTS = 128;
const hoster = await startHosterServer({
  mediaSize: () => SEGMENTS * SEGMENT_BYTES,
  hlsSegments: SEGMENTS,
  hlsSegmentBytes: SEGMENT_BYTES,
});
const catalogue = startCatalogueServer({ count: 12, hosterBaseUrl: hoster.url });
console.log(JSON.stringify({ catalogUrl: catalogue.url, slugs: catalogue.series.map((s) => s.slug) }));
process.on("SIGTERM", () => {
  void Promise.all([catalogue.stop(), hoster.stop()]).then(() => process.exit(0));
});

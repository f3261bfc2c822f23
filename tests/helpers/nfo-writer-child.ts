/**
 * Child process for the crash test: rewrites tvshow.nfo with a large body again and again through the
 * product's writer until it is killed. Prints "writing" once the first write has started.
 */
import { buildTvshowNfo, writeTvshowNfo } from "../../server/metadata/tvshow-nfo.ts";

const dir = process.argv[2]!;
const details = {
  slug: "crash-test",
  title: "new",
  alternativeTitles: [],
  startYear: 2020,
  endYear: null,
  description: "y".repeat(16 * 1024 * 1024),
  genres: [],
  coverUrl: null,
  backdropUrl: null,
  ageRating: null,
  imdbId: null,
  seasons: [1],
};
const xml = buildTvshowNfo(details, null, "de-DE");
process.stdout.write("writing\n");
for (;;) await writeTvshowNfo(dir, xml);

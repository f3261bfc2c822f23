import type { ParsedEpisodeName } from "../../../shared/episode-name-parser.ts";
import { ENCODES, EXTRAS_AND_BATCHES } from "./real-encode-names.ts";
import { WEEKLY } from "./real-fansub-names.ts";
import { ANIWORLD_GERMAN, GERMAN_FANSUB, GERMAN_SCENE } from "./real-german-language-names.ts";
import { FILMS, LIBRARY_LAYOUTS, TITLES_WITH_NUMBERS } from "./real-library-layouts.ts";
import { LIBRARY } from "./real-library-names.ts";
import { NON_LATIN } from "./real-non-latin-names.ts";
import { GERMAN, SCENE_ANIME } from "./real-scene-names.ts";
import { ENGLISH_TAGS, ERAI_SUBTITLE_LISTS, STREAMING_RIPS } from "./real-streaming-names.ts";

/**
 * Real-world release names: the series titles, groups and shapes as they are published (fansub and raw groups,
 * encoders, German dub/sub releases, aniworld download tools, Jellyfin/Kodi/Plex/Sonarr library layouts), with
 * the reading a Jellyfin or Sonarr user expects. Written for these tests from how the groups name their files,
 * not copied from another parser's data. Each row: [input, title, season, numbers, also] — numbers are the
 * episodes of `season`, or the absolute numbers when the season is null; `also` lists further fields the
 * reading must have (an episode title that must be null, the language, an absolute number next to S01E01 …).
 */
export type RealRow = [
  string,
  string | null,
  number | null,
  number[],
  Partial<Pick<ParsedEpisodeName, "episodeTitle" | "language" | "absolute" | "version" | "year" | "group">>?,
];

export const REAL_RELEASES: RealRow[] = [
  ...WEEKLY,
  ...ENCODES,
  ...EXTRAS_AND_BATCHES,
  ...GERMAN,
  ...LIBRARY,
  ...SCENE_ANIME,
  ...NON_LATIN,
  ...GERMAN_SCENE,
  ...GERMAN_FANSUB,
  ...ANIWORLD_GERMAN,
  ...ERAI_SUBTITLE_LISTS,
  ...STREAMING_RIPS,
  ...ENGLISH_TAGS,
  ...LIBRARY_LAYOUTS,
  ...TITLES_WITH_NUMBERS,
  ...FILMS,
];

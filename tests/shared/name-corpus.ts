import { LANGUAGE_LABELS, LANGUAGES } from "../../shared/languages.ts";
import { GENERATED_CASES, HAND_CASES } from "./episode-name-cases.ts";
import { ANIME } from "./name-tables/anime-names.ts";
import { HELD_OUT_ANIME } from "./name-tables/held-out-anime.ts";
import { HELD_OUT_REAL } from "./name-tables/held-out-real.ts";
import { HELD_OUT_ROUND3 } from "./name-tables/held-out-real-round3.ts";
import { HELD_OUT_SCENE } from "./name-tables/held-out-scene.ts";
import { PATHS } from "./name-tables/path-names.ts";
import { ENCODES, EXTRAS_AND_BATCHES } from "./name-tables/real-encode-names.ts";
import { WEEKLY } from "./name-tables/real-fansub-names.ts";
import { ANIWORLD_GERMAN, GERMAN_FANSUB, GERMAN_SCENE } from "./name-tables/real-german-language-names.ts";
import { FILMS, LIBRARY_LAYOUTS, TITLES_WITH_NUMBERS } from "./name-tables/real-library-layouts.ts";
import { LIBRARY } from "./name-tables/real-library-names.ts";
import { NON_LATIN as REAL_NON_LATIN } from "./name-tables/real-non-latin-names.ts";
import { REAL_RELEASES } from "./name-tables/real-releases.ts";
import { GERMAN, SCENE_ANIME } from "./name-tables/real-scene-names.ts";
import { ENGLISH_TAGS, ERAI_SUBTITLE_LISTS, STREAMING_RIPS } from "./name-tables/real-streaming-names.ts";
import { FOREIGN, NON_LATIN, NXM, PACKED, SEASON_PACKS, SXXEYY } from "./name-tables/scene-names.ts";

/**
 * Every input of the parser's name tests (the hand cases, the generated cases and every name table) and
 * generated variants of the app's own names and their near misses, for the tests that check a fast path
 * against the full reading over all of them.
 */
const TABLES: readonly (readonly (readonly [string, ...unknown[]])[])[] = [
  HAND_CASES,
  GENERATED_CASES,
  ANIME,
  HELD_OUT_ANIME,
  HELD_OUT_REAL,
  HELD_OUT_ROUND3,
  HELD_OUT_SCENE,
  PATHS,
  ENCODES,
  EXTRAS_AND_BATCHES,
  WEEKLY,
  ANIWORLD_GERMAN,
  GERMAN_FANSUB,
  GERMAN_SCENE,
  FILMS,
  LIBRARY_LAYOUTS,
  TITLES_WITH_NUMBERS,
  LIBRARY,
  REAL_NON_LATIN,
  REAL_RELEASES,
  GERMAN,
  SCENE_ANIME,
  ENGLISH_TAGS,
  ERAI_SUBTITLE_LISTS,
  STREAMING_RIPS,
  FOREIGN,
  NON_LATIN,
  NXM,
  PACKED,
  SEASON_PACKS,
  SXXEYY,
];

const TITLES = [
  "Series 0042",
  "Harbor Tale",
  "Mob Psycho 100",
  "86 - Eighty Six",
  "Re:Zero",
  "Dr. Stone",
  "Kimi no Na wa.",
  "Title (2020)",
  "The German Girl",
  "Omoide Poroporo",
  "Dtv Dreams",
  "Engage Kiss",
  "Deutschland 83",
  "Steins;Gate 0",
  "Lupin III",
  "Spy x Family",
  "R.O.D the TV",
  "Тихая гавань",
  "葬送のフリーレン",
  "Title-GRP",
  "A",
];
const MARKERS = [
  "S01E07",
  "S01E07-E08",
  "S01E07E08",
  "s2e9",
  "S100E1000",
  "S4000E01",
  "1x07",
  "07",
  "007",
  "07v2",
  "07.5",
  "Episode 7",
  "E07",
  "Folge 7",
  "Staffel 2 Folge 7",
  "S2 - 07",
  "Part 2",
  "107",
];
const TAGS = [
  ...LANGUAGES.map((language) => `[${LANGUAGE_LABELS[language]}]`),
  "[German Dub]",
  "[German Sub]",
  "[English Sub]",
  "[English Dub]",
  "(German Dub)",
  "(English Sub)",
  "[german dub]",
  "[GERMAN SUB]",
  "[German Dub]-GRP",
  "[Deutsch]",
  "[GER+JAP]",
  "[ENG]",
  "[1080p]",
  "German Dub",
  "GerDub",
  "Ger-Sub",
  "EngSub",
  "German.DL",
  "OmU",
  "OmdU",
  "dt. Untertitel",
  "German",
  "",
];
const EPISODE_TITLES = [
  "Episode 7",
  "The German Girl",
  "E05 Name",
  "Omnibus",
  "Title-Name",
  "1080p",
  "Name  Two",
  "",
];
const STYLES = [
  (t: string) => t,
  (t: string) => t.replaceAll(" ", "."),
  (t: string) => t.replaceAll(" ", "_"),
];
const FOLDERS = [
  "",
  "Season 01/",
  "Staffel 2/",
  "Specials/",
  "Title.S01.1080p-GRP/",
  "Series 0042/Season 01/",
];

/** The app's own names and near misses: every title, marker, episode title, tag, separator style and folder. */
function generated(): string[] {
  const names: string[] = [];
  let i = 0;
  for (const title of TITLES)
    for (const marker of MARKERS)
      for (const episodeTitle of EPISODE_TITLES)
        for (const tag of TAGS) {
          const style = STYLES[i % STYLES.length]!;
          const folder = FOLDERS[i % FOLDERS.length]!;
          const ext = [".mkv", ".mp4", ".MKV", ".srt", ""][i % 5]!;
          const body =
            episodeTitle === "" ? `${title} - ${marker}` : `${title} - ${marker} - ${episodeTitle}`;
          names.push(`${folder}${style(body)}${tag === "" ? "" : ` ${tag}`}${ext}`);
          names.push(`${body}${tag}.mkv`);
          i++;
        }
  return names;
}

export const NAME_CORPUS: readonly string[] = [
  ...TABLES.flatMap((rows) => rows.map((row) => row[0])),
  ...generated(),
];

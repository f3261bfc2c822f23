/**
 * The generated sample catalogue behind the stand-in servers and the offline demo: ~50 invented series,
 * deterministic, with several seasons, films (season 0), German and English titles, three languages,
 * several hosters, some series without an IMDb id and some unknown to TMDB.
 */
import type { Language } from "../../shared/languages.ts";

export interface SampleEpisode {
  number: number;
  titleDe: string;
  titleEn: string;
  languages: Language[];
  hosters: string[];
}

export interface SampleSeries {
  index: number;
  slug: string;
  titleDe: string;
  titleEn: string;
  altTitles: string[];
  startYear: number;
  /** null = ongoing ("heute"). */
  endYear: number | null;
  descriptionDe: string;
  descriptionEn: string;
  genres: string[];
  fsk: number;
  imdbId: string | null;
  /** null = TMDB does not know the series. */
  tmdbId: number | null;
  /** Season number → episodes; 0 = films. */
  seasons: Map<number, SampleEpisode[]>;
}

const ADJ_DE = [
  "Blaue",
  "Stille",
  "Letzte",
  "Wilde",
  "Goldene",
  "Dunkle",
  "Ewige",
  "Verlorene",
  "Kleine",
  "Rote",
];
const ADJ_EN = ["Blue", "Silent", "Last", "Wild", "Golden", "Dark", "Eternal", "Lost", "Little", "Red"];
const NOUN_DE = ["Klinge", "Sterne", "Akademie", "Drachen", "Brücke", "Insel"];
const NOUN_EN = ["Blade", "Stars", "Academy", "Dragons", "Bridge", "Island"];
const GENRES = [
  "Action",
  "Abenteuer",
  "Komödie",
  "Drama",
  "Fantasy",
  "Romanze",
  "Sci-Fi",
  "Mystery",
  "Slice of Life",
];
export const SAMPLE_HOSTERS = ["VOE", "Filemoon", "Vidoza", "Vidmoly", "Doodstream", "Streamtape"];
const LANGUAGE_SETS: Language[][] = [
  ["de", "de-sub", "en-sub"],
  ["de-sub", "en-sub"],
  ["en-sub"],
  ["de", "en-sub"],
  ["de-sub"],
];

/** Titles that exercise escaping in HTML, JSON and XML. */
const SPECIAL_TITLES: Record<number, [string, string]> = {
  3: ["Kämpfer & Schwerter: Die Rückkehr", "Fighters & Swords: The Return"],
  8: ['"Ich" <und> die Welt', '"Me" <and> the World'],
  13: ["Café Ōkami – Geschichten", "Café Ōkami – Stories"],
};

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function generateSampleCatalogue(count = 50): SampleSeries[] {
  const out: SampleSeries[] = [];
  const slugs = new Set<string>();
  for (let i = 0; i < count; i++) {
    const a = i % ADJ_DE.length;
    const n = Math.floor(i / ADJ_DE.length) % NOUN_DE.length;
    const [titleDe, titleEn] = SPECIAL_TITLES[i] ?? [
      `${ADJ_DE[a]} ${NOUN_DE[n]}`,
      `${ADJ_EN[a]} ${NOUN_EN[n]}`,
    ];
    let slug = slugify(titleEn);
    if (slugs.has(slug)) slug = `${slug}-${i}`;
    slugs.add(slug);
    const startYear = 1998 + ((i * 7) % 26);
    const seasonCount = 1 + (i % 4);
    const endYear = i % 3 === 0 ? null : Math.min(2025, startYear + seasonCount);
    const seasons = new Map<number, SampleEpisode[]>();
    for (let s = 1; s <= seasonCount; s++) seasons.set(s, episodesFor(i, s, 3 + ((i * 7 + s * 3) % 10)));
    if (i % 5 === 0) seasons.set(0, episodesFor(i, 0, 1 + (i % 3)));
    out.push({
      index: i,
      slug,
      titleDe,
      titleEn,
      altTitles: [titleEn, `${titleEn} (${startYear})`],
      startYear,
      endYear,
      descriptionDe: `${titleDe}: eine Geschichte über Mut, Freundschaft & das Unbekannte (Staffeln: ${seasonCount}).`,
      descriptionEn: `${titleEn}: a story of courage, friendship & the unknown (${seasonCount} seasons).`,
      genres: [GENRES[i % GENRES.length]!, GENRES[(i * 3 + 1) % GENRES.length]!].filter(
        (g, k, all) => all.indexOf(g) === k,
      ),
      fsk: [0, 6, 12, 16, 18][i % 5]!,
      imdbId: i % 6 === 3 ? null : `tt${String(1_000_000 + i * 137).padStart(7, "0")}`,
      tmdbId: i % 10 === 7 ? null : 100_000 + i,
      seasons,
    });
  }
  return out;
}

function episodesFor(series: number, season: number, count: number): SampleEpisode[] {
  const out: SampleEpisode[] = [];
  for (let e = 1; e <= count; e++) {
    const languages = LANGUAGE_SETS[(series + season + e) % LANGUAGE_SETS.length]!;
    const first = (series + e) % SAMPLE_HOSTERS.length;
    const hosters = [SAMPLE_HOSTERS[first]!, SAMPLE_HOSTERS[(first + 2) % SAMPLE_HOSTERS.length]!];
    if (season === 0) out.push({ number: e, titleDe: "", titleEn: `Movie ${e}`, languages, hosters });
    else
      out.push({
        number: e,
        titleDe: `Kapitel ${e}: Der ${e}. Schritt`,
        titleEn: `Chapter ${e}: Step ${e}`,
        languages,
        hosters,
      });
  }
  return out;
}

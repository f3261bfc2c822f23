import * as v from "valibot";
import type { Language } from "./languages.ts";

/** Catalogue identity of a series: "aniworld:<slug>". */
export const CATALOG_KEY_PREFIX = "aniworld:";
export const SlugSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,199}$/i, "not a catalogue slug"));
export const CatalogKeySchema = v.pipe(
  v.string(),
  v.regex(/^aniworld:[a-z0-9][a-z0-9-]{0,199}$/i, 'a catalogue key looks like "aniworld:<slug>"'),
);

export function catalogKeyOf(slug: string): string {
  return `${CATALOG_KEY_PREFIX}${slug}`;
}
export function slugOf(catalogKey: string): string {
  return catalogKey.startsWith(CATALOG_KEY_PREFIX) ? catalogKey.slice(CATALOG_KEY_PREFIX.length) : catalogKey;
}

/** One search hit. All text is plain text (never HTML) and must be rendered as text. */
export interface CatalogSearchItem {
  catalogKey: string;
  slug: string;
  title: string;
  startYear: number | null;
  endYear: number | null;
  /** Absolute URL on the catalogue host, or null. */
  coverUrl: string | null;
  description: string;
}

export interface CatalogSeriesDetails {
  slug: string;
  title: string;
  alternativeTitles: string[];
  startYear: number | null;
  /** null = ongoing or unknown. */
  endYear: number | null;
  description: string;
  genres: string[];
  coverUrl: string | null;
  backdropUrl: string | null;
  ageRating: number | null;
  imdbId: string | null;
  /** Season numbers that exist; 0 = films. */
  seasons: number[];
}

export interface CatalogEpisode {
  season: number;
  number: number;
  titleDe: string | null;
  titleEn: string | null;
  languages: Language[];
  hosters: string[];
}

/** One hoster link for one episode in one language. `redirectPath` is e.g. "/redirect/12345". */
export interface HosterLink {
  hoster: string;
  language: Language;
  redirectPath: string;
}

/** Series metadata as the loader hands it to NFO and artwork writers. */
export interface SeriesIdentity {
  catalogKey: string;
  title: string;
  year: number | null;
  imdbId: string | null;
  tmdbId: number | null;
}

/** `catalog.search` input. */
export const CatalogSearchInputSchema = v.object({
  query: v.pipe(v.string(), v.trim(), v.minLength(1, "type something to search"), v.maxLength(200)),
});

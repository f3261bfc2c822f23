/** TMDB-shaped JSON for the sample catalogue (facts/tmdb.md), in German (de-DE) or English (en-US). */
import type { SampleSeries } from "./sample-catalogue.ts";

export interface TmdbImageJson {
  file_path: string;
  iso_639_1: string | null;
  vote_average: number;
  vote_count: number;
  width: number;
  height: number;
  aspect_ratio: number;
}

const german = (language: string) => language.startsWith("de");

export function firstAirDate(s: SampleSeries): string {
  return `${s.startYear}-04-0${(s.index % 9) + 1}`;
}

export function tvSummary(s: SampleSeries, language: string, id = s.tmdbId!) {
  return {
    id,
    name: german(language) ? s.titleDe : s.titleEn,
    original_name: s.titleEn,
    first_air_date: firstAirDate(s),
    overview: overviewOf(s, language),
    poster_path: `/p${id}xx.jpg`,
    backdrop_path: `/b${id}xx.jpg`,
    origin_country: ["JP"],
    popularity: 100 - s.index,
  };
}

/** Every third series has no German overview: the client must fall back to English. */
function overviewOf(s: SampleSeries, language: string): string {
  if (german(language)) return s.index % 3 === 0 ? "" : s.descriptionDe;
  return s.descriptionEn;
}

const image = (file_path: string, iso: string | null, vote: number, w: number, h: number): TmdbImageJson => ({
  file_path,
  iso_639_1: iso,
  vote_average: vote,
  vote_count: Math.round(vote * 10),
  width: w,
  height: h,
  aspect_ratio: w / h,
});

/** Posters: de/en/null except some series lack de (→ en) or have only null; logos: some only in Japanese. */
export function imagesOf(s: SampleSeries) {
  const id = s.tmdbId!;
  const posters = [image(`/p${id}xx.jpg`, null, 7.5, 500, 750), image(`/p${id}ja.jpg`, "ja", 9.9, 500, 750)];
  if (s.index % 4 !== 2) posters.push(image(`/p${id}en.jpg`, "en", 6.1, 500, 750));
  if (s.index % 4 === 0 || s.index % 4 === 3) posters.push(image(`/p${id}de.jpg`, "de", 5.2, 500, 750));
  const backdrops = [image(`/b${id}xx.jpg`, null, 6, 1280, 720), image(`/b${id}ja.jpg`, "ja", 8, 1280, 720)];
  const logos = [image(`/l${id}ja.png`, "ja", 9, 500, 200)];
  if (s.index % 7 !== 0) {
    logos.push(image(`/l${id}en.svg`, "en", 5, 500, 200));
    if (s.index % 2 === 0) logos.push(image(`/l${id}de.png`, "de", 4, 500, 200));
  }
  return { posters, backdrops, logos };
}

export function tvDetails(
  s: SampleSeries,
  language: string,
  append: string[],
  imageLanguages: string[] | null,
) {
  const id = s.tmdbId!;
  const seasons = [...s.seasons.keys()].sort((a, b) => a - b);
  const details: Record<string, unknown> = {
    ...tvSummary(s, language),
    last_air_date: `${s.endYear ?? 2025}-09-2${s.index % 9}`,
    status: s.endYear === null ? "Returning Series" : "Ended",
    genres: s.genres.map((name, i) => ({ id: 16 + i, name })),
    networks: [{ id: 1, name: "Stand-in TV" }],
    production_companies: [{ id: 2, name: `Studio ${s.index % 5}` }],
    vote_average: 6 + (s.index % 40) / 10,
    vote_count: 100 + s.index,
    number_of_seasons: seasons.filter((n) => n > 0).length,
    seasons: seasons.map((n) => ({
      season_number: n,
      name: n === 0 ? "Specials" : `Staffel ${n}`,
      poster_path: s.index % 5 === 4 ? null : `/s${id}n${n}.jpg`,
      air_date: `${s.startYear + Math.max(0, n - 1)}-04-01`,
      overview: "",
    })),
  };
  if (append.includes("external_ids"))
    details.external_ids = {
      imdb_id: `tt${String(1_000_000 + s.index * 137).padStart(7, "0")}`,
      tvdb_id: 300_000 + s.index,
    };
  if (append.includes("content_ratings"))
    details.content_ratings = {
      results: [
        { iso_3166_1: "DE", rating: String(s.fsk) },
        { iso_3166_1: "US", rating: "TV-14" },
      ],
    };
  if (append.includes("images")) {
    const all = imagesOf(s);
    const keep = (list: TmdbImageJson[]) =>
      imageLanguages ? list.filter((i) => imageLanguages.includes(i.iso_639_1 ?? "null")) : list;
    details.images = { posters: keep(all.posters), backdrops: keep(all.backdrops), logos: keep(all.logos) };
  }
  return details;
}

export function seasonDetails(s: SampleSeries, season: number, language: string) {
  const episodes = s.seasons.get(season) ?? [];
  return {
    id: s.tmdbId! * 100 + season,
    season_number: season,
    poster_path: `/s${s.tmdbId}n${season}.jpg`,
    episodes: episodes.map((e) => ({
      id: episodeTmdbId(s, season, e.number),
      episode_number: e.number,
      season_number: season,
      name: german(language) ? e.titleDe : e.titleEn,
      // Even episodes have no German overview (English fallback).
      overview:
        german(language) && e.number % 2 === 0 ? "" : `${german(language) ? "Inhalt" : "Plot"} ${e.titleEn}`,
      air_date: `${s.startYear + Math.max(0, season - 1)}-04-${String(Math.min(28, e.number)).padStart(2, "0")}`,
      // Every fifth episode has no still, like fresh episodes on TMDB.
      still_path: e.number % 5 === 0 ? null : `/e${episodeTmdbId(s, season, e.number)}.jpg`,
      vote_average: 7 + (e.number % 3) / 2,
    })),
  };
}

export const episodeTmdbId = (s: SampleSeries, season: number, episode: number) =>
  s.tmdbId! * 10_000 + season * 1000 + episode;

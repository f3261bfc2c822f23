import * as v from "valibot";
import { folderUrl, joinUrl } from "../../lib/urls.ts";
import type { HttpClient } from "../http/http-client.ts";
import { ProviderError } from "../provider-error.ts";
import { chooseImage, pngPathOf } from "./tmdb-images.ts";
import { bestMatch, MATCH_THRESHOLD } from "./tmdb-match.ts";
import {
  FindSchema,
  ImageSchema,
  SearchTvSchema,
  type SeasonRaw,
  SeasonSchema,
  TvDetailsSchema,
  TvResultSchema,
  validEntries,
} from "./tmdb-schemas.ts";

export interface TmdbConfig {
  /** v3 API key (sent as ?api_key=) or v4 read-access token (sent as Bearer); detected by shape. */
  apiKey: string;
  baseUrl: string;
  imageBaseUrl: string;
}

export interface TmdbShow {
  id: number;
  name: string;
  originalName: string | null;
  overview: string;
  firstAirDate: string | null;
  lastAirDate: string | null;
  status: string | null;
  genres: string[];
  studios: string[];
  rating: number | null;
  votes: number | null;
  imdbId: string | null;
  tvdbId: number | null;
  /** Certification for the metadata language's country, else the US one. */
  contentRating: string | null;
  /** Absolute image URLs on the TMDB image host, chosen by language; null when TMDB has none. */
  posterUrl: string | null;
  backdropUrl: string | null;
  logoUrl: string | null;
  seasonPosterUrls: Map<number, string>;
}

export interface TmdbEpisode {
  season: number;
  episode: number;
  name: string | null;
  overview: string | null;
  airDate: string | null;
  rating: number | null;
  tmdbId: number | null;
  /** The episode still on the TMDB image host (size "original"); null when TMDB has none. */
  stillUrl: string | null;
}

export interface TmdbMatch {
  id: number;
  /** 1 for an exact /find by IMDb id, else the title score (tmdb-match.ts). */
  confidence: number;
  via: "imdb" | "title";
}

const PROVIDER = "tmdb";
/** A TMDB image file path as the API gives it; anything else (other hosts, traversal, odd names) is ignored. */
const IMAGE_PATH = /^\/[A-Za-z0-9_-]{1,120}\.jpe?g$/;

/** A v4 read-access token is a JWT (three base64url parts); a v3 key is 32 hex characters. */
export function isReadAccessToken(key: string): boolean {
  return key.length > 40 && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(key);
}

export class TmdbClient {
  private readonly base: URL;
  private readonly imageBase: string;

  constructor(
    private readonly config: TmdbConfig,
    private readonly http: HttpClient,
    /** e.g. "de-DE" (settings.metadataLanguage). */
    private readonly language: string,
  ) {
    this.base = folderUrl(config.baseUrl);
    this.imageBase = config.imageBaseUrl.replace(/\/+$/, "");
  }

  get imageHost(): string {
    return new URL(this.imageBase).host;
  }

  private async get(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    const url = joinUrl(this.base, path);
    for (const [k, val] of Object.entries(params)) url.searchParams.set(k, val);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (isReadAccessToken(this.config.apiKey)) headers.Authorization = `Bearer ${this.config.apiKey}`;
    else url.searchParams.set("api_key", this.config.apiKey);
    const res = await this.http.request({ provider: PROVIDER, url, headers, ...(signal ? { signal } : {}) });
    return res.json();
  }

  private parse<T extends v.GenericSchema>(schema: T, data: unknown, what: string): v.InferOutput<T> {
    const parsed = v.safeParse(schema, data);
    if (!parsed.success)
      throw new ProviderError(PROVIDER, 200, `unexpected answer for ${what}`, { retryable: false });
    return parsed.output;
  }

  /** Asks TMDB's /configuration with the key: resolves when the key is accepted, throws otherwise (401). */
  async checkKey(signal?: AbortSignal): Promise<void> {
    await this.get("configuration", {}, signal);
  }

  /** Exact match through the IMDb id, else the best title (+year) match above the threshold; null = none. */
  async match(
    query: { imdbId: string | null; titles: readonly string[]; year: number | null },
    signal?: AbortSignal,
  ): Promise<TmdbMatch | null> {
    if (query.imdbId) {
      const found = this.parse(
        FindSchema,
        await this.get(`find/${encodeURIComponent(query.imdbId)}`, { external_source: "imdb_id" }, signal),
        "find",
      );
      const first = validEntries(found.tv_results, TvResultSchema)[0];
      if (first) return { id: first.id, confidence: 1, via: "imdb" };
    }
    const titles = query.titles.filter((t) => t.trim()).slice(0, 3);
    let best: { id: number; score: number } | null = null;
    for (const [i, title] of titles.entries()) {
      const attempts = query.year !== null && i === 0 ? [query.year, null] : [null];
      for (const year of attempts) {
        const params: Record<string, string> = {
          query: title,
          language: this.language,
          include_adult: "false",
          page: "1",
        };
        if (year !== null) params.first_air_date_year = String(year);
        const results = validEntries(
          this.parse(SearchTvSchema, await this.get("search/tv", params, signal), "search").results,
          TvResultSchema,
        );
        const candidate = bestMatch(results, titles, query.year);
        if (candidate && (!best || candidate.score > best.score))
          best = { id: candidate.result.id, score: candidate.score };
        if (best && best.score >= MATCH_THRESHOLD)
          return { id: best.id, confidence: best.score, via: "title" };
      }
    }
    return null;
  }

  async show(id: number, signal?: AbortSignal): Promise<TmdbShow> {
    const lang = this.language.slice(0, 2);
    const raw = this.parse(
      TvDetailsSchema,
      await this.get(
        `tv/${id}`,
        {
          language: this.language,
          append_to_response: "external_ids,images,content_ratings",
          include_image_language: `${[...new Set([lang, "en"])].join(",")},null`,
        },
        signal,
      ),
      "tv details",
    );
    let overview = raw.overview?.trim() ?? "";
    if (!overview && !this.language.startsWith("en")) {
      const en = this.parse(
        TvDetailsSchema,
        await this.get(`tv/${id}`, { language: "en-US" }, signal),
        "tv details",
      );
      overview = en.overview?.trim() ?? "";
    }
    const images = raw.images;
    const poster = chooseImage(validEntries(images?.posters, ImageSchema), this.language);
    const backdrop = chooseImage(validEntries(images?.backdrops, ImageSchema), this.language);
    const logo = chooseImage(validEntries(images?.logos, ImageSchema), this.language);
    const country = this.language.split("-")[1] ?? "US";
    const ratings = raw.content_ratings?.results ?? [];
    const seasonPosterUrls = new Map<number, string>();
    for (const s of raw.seasons ?? [])
      if (s.poster_path && IMAGE_PATH.test(s.poster_path))
        seasonPosterUrls.set(s.season_number, this.imageUrl("w500", s.poster_path));
    const imdb = raw.external_ids?.imdb_id ?? null;
    return {
      id: raw.id,
      name: raw.name ?? "",
      originalName: raw.original_name,
      overview,
      firstAirDate: isoDate(raw.first_air_date),
      lastAirDate: isoDate(raw.last_air_date),
      status: raw.status,
      genres: names(raw.genres),
      studios: [...new Set([...names(raw.networks), ...names(raw.production_companies)])],
      rating: raw.vote_average,
      votes: raw.vote_count,
      imdbId: imdb && /^tt\d{5,10}$/.test(imdb) ? imdb : null,
      tvdbId: raw.external_ids?.tvdb_id ?? null,
      contentRating:
        ratings.find((r) => r.iso_3166_1 === country)?.rating ||
        ratings.find((r) => r.iso_3166_1 === "US")?.rating ||
        null,
      posterUrl: poster ? this.imageUrl("w780", poster.file_path) : null,
      backdropUrl: backdrop ? this.imageUrl("w1280", backdrop.file_path) : null,
      logoUrl: logo ? this.imageUrl("w500", pngPathOf(logo.file_path)) : null,
      seasonPosterUrls,
    };
  }

  /** Episodes of one season; empty overviews/names fall back to English (one extra request when needed). */
  async season(id: number, season: number, signal?: AbortSignal): Promise<TmdbEpisode[]> {
    const load = async (language: string): Promise<SeasonRaw> =>
      this.parse(SeasonSchema, await this.get(`tv/${id}/season/${season}`, { language }, signal), "season");
    const raw = await load(this.language);
    let fallback: SeasonRaw | null = null;
    if (
      !this.language.startsWith("en") &&
      (raw.episodes ?? []).some((e) => !e.overview?.trim() || !e.name?.trim())
    )
      fallback = await load("en-US");
    return (raw.episodes ?? []).map((e) => {
      const en = fallback?.episodes?.find((f) => f.episode_number === e.episode_number);
      return {
        season,
        episode: e.episode_number,
        name: e.name?.trim() || en?.name?.trim() || null,
        overview: e.overview?.trim() || en?.overview?.trim() || null,
        airDate: isoDate(e.air_date),
        rating: e.vote_average,
        tmdbId: e.id,
        stillUrl:
          e.still_path && IMAGE_PATH.test(e.still_path) ? this.imageUrl("original", e.still_path) : null,
      };
    });
  }

  imageUrl(size: string, filePath: string): string {
    return `${this.imageBase}/${size}${filePath}`;
  }
}

function names(list: { name: string | null }[] | null): string[] {
  return (list ?? []).map((n) => n.name?.trim() ?? "").filter(Boolean);
}

function isoDate(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

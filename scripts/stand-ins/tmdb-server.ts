/**
 * A stand-in for TMDB v3 on 127.0.0.1: /configuration, /find, /search/tv, /tv/{id}, /tv/{id}/season/{n}
 * (API under /3) and images under /t/p/<size>/<file> (real small JPEG/PNG: posters, backdrops, logos, season
 * posters, episode stills), for the sample catalogue.
 * Options: require an API key (v3 query key or v4 Bearer token), injected failures, request counting.
 */
import {
  type Failure,
  failureResponse,
  type InjectedFailure,
  injectFailure,
  takeFailure,
} from "./hostile-responses.ts";
import { makeJpeg, makePng } from "./images.ts";
import { generateSampleCatalogue, type SampleSeries } from "./sample-catalogue.ts";
import { firstAirDate, seasonDetails, tvDetails, tvSummary } from "./tmdb-data.ts";

export interface TmdbServerOptions {
  /** When set, requests need `?api_key=<apiKey>` or `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The catalogue the data mirrors (share the catalogue server's `series` so added episodes show). */
  series?: SampleSeries[];
}

export interface TmdbServer {
  url: string;
  /** Base URL for the app's tmdbUrl (…/3). */
  apiUrl: string;
  /** Base URL for the app's tmdbImageUrl (…/t/p). */
  imageUrl: string;
  requests: string[];
  count(pathPrefix: string): number;
  /** `times` = 0 clears the failures injected under exactly this prefix. */
  inject(pathPrefix: string, failure: Failure, times?: number): void;
  stop(): Promise<void>;
}

const norm = (t: string) => t.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

export function startTmdbServer(options: TmdbServerOptions = {}): TmdbServer {
  const series = options.series ?? generateSampleCatalogue();
  const requests: string[] = [];
  const injected: InjectedFailure[] = [];
  let stopResolve: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stopResolve = r;
  });
  const byId = () => new Map(series.filter((s) => s.tmdbId !== null).map((s) => [s.tmdbId!, s]));

  function api(path: string, q: URLSearchParams): Response {
    const language = q.get("language") ?? "en-US";
    if (path === "/configuration")
      return Response.json({
        images: {
          base_url: "/t/p/",
          secure_base_url: "/t/p/",
          poster_sizes: ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
          backdrop_sizes: ["w300", "w780", "w1280", "original"],
          logo_sizes: ["w45", "w92", "w154", "w185", "w300", "w500", "original"],
        },
      });
    const find = /^\/find\/(tt\d+)$/.exec(path);
    if (find) {
      const s = series.find((x) => x.tmdbId !== null && x.imdbId === find[1]);
      return Response.json({ movie_results: [], tv_results: s ? [tvSummary(s, language)] : [] });
    }
    if (path === "/search/tv") {
      const query = norm(q.get("query") ?? "");
      const year = q.get("first_air_date_year");
      const results: unknown[] = [];
      for (const s of series) {
        if (s.tmdbId === null || !query) continue;
        const hit = [s.titleDe, s.titleEn].some((t) => norm(t).includes(query) || query.includes(norm(t)));
        if (!hit) continue;
        // A look-alike listed first: the confidence score must prefer the real one.
        if (s.index % 4 === 0 && (!year || Number(year) === s.startYear + 6))
          results.push({
            ...tvSummary(s, language, 900_000 + s.index),
            name: `${s.titleDe} Abenteuer`,
            first_air_date: `${s.startYear + 6}-01-01`,
          });
        if (!year || firstAirDate(s).startsWith(year)) results.push(tvSummary(s, language));
      }
      return Response.json({ page: 1, results, total_pages: 1, total_results: results.length });
    }
    const tv = /^\/tv\/(\d+)(?:\/season\/(\d+))?$/.exec(path);
    if (tv) {
      const s = byId().get(Number(tv[1]));
      if (!s)
        return Response.json(
          { status_code: 34, status_message: "The resource you requested could not be found." },
          { status: 404 },
        );
      if (tv[2] !== undefined) {
        if (!s.seasons.has(Number(tv[2]))) return Response.json({ status_code: 34 }, { status: 404 });
        return Response.json(seasonDetails(s, Number(tv[2]), language));
      }
      const append = (q.get("append_to_response") ?? "").split(",").filter(Boolean);
      const imageLanguages = q.get("include_image_language")?.split(",") ?? null;
      return Response.json(tvDetails(s, language, append, imageLanguages));
    }
    return Response.json({ status_code: 34, status_message: "not found" }, { status: 404 });
  }

  function imageFile(file: string): Response {
    const m = /^\/([pbels])(\d+)(?:n\d+|[a-z]{2})?\.(jpg|png|svg)$/.exec(file);
    if (!m) return new Response("not found", { status: 404 });
    const seed = Number(m[2]) % 97;
    if (m[3] === "svg")
      return new Response(
        `<svg xmlns="http://www.w3.org/2000/svg" width="50" height="20"><rect width="50" height="20"/></svg>`,
        {
          headers: { "Content-Type": "image/svg+xml" },
        },
      );
    if (m[3] === "png") return new Response(makePng(60, 24), { headers: { "Content-Type": "image/png" } });
    // Backdrops and episode stills are landscape, posters portrait.
    const [w, h] = m[1] === "b" ? [96, 54] : m[1] === "e" ? [64, 36] : [40, 60];
    return new Response(makeJpeg(w, h, seed), { headers: { "Content-Type": "image/jpeg" } });
  }

  const authorised = (request: Request, q: URLSearchParams) =>
    !options.apiKey ||
    q.get("api_key") === options.apiKey ||
    request.headers.get("authorization") === `Bearer ${options.apiKey}`;

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const safeQuery = new URLSearchParams(url.search);
      safeQuery.delete("api_key");
      requests.push(url.pathname + (safeQuery.size ? `?${safeQuery}` : ""));
      const failure = takeFailure(injected, url.pathname);
      if (failure) return failureResponse(failure, request, stopped);
      const image = /^\/t\/p\/(w\d+|original)(\/.+)$/.exec(url.pathname);
      if (image) return imageFile(image[2]!);
      if (!url.pathname.startsWith("/3/")) return new Response("not found", { status: 404 });
      if (!authorised(request, url.searchParams))
        return Response.json(
          { status_code: 7, status_message: "Invalid API key: You must be granted a valid key." },
          { status: 401 },
        );
      return api(url.pathname.slice(2), url.searchParams);
    },
    error() {
      return new Response("stand-in error", { status: 500 });
    },
  });
  const base = server.url.toString().replace(/\/$/, "");
  return {
    url: base,
    apiUrl: `${base}/3`,
    imageUrl: `${base}/t/p`,
    requests,
    count: (prefix) => requests.filter((r) => r.startsWith(prefix)).length,
    inject(pathPrefix, failure, times = Infinity) {
      injectFailure(injected, pathPrefix, failure, times);
    },
    async stop() {
      stopResolve();
      await server.stop(true);
    },
  };
}

/**
 * A stand-in for aniworld.to on 127.0.0.1: series, season, film and episode pages, /ajax/seriesSearch,
 * /redirect/<id>, cover and backdrop images, for the generated sample catalogue, plus hostile slugs
 * (see HOSTILE_SLUGS) and failures injected per path. Used by tests, the demo and benchmarks.
 */
import type { Language } from "../../shared/languages.ts";
import { fullEpisodePage, fullSeasonPage, fullSeriesPage } from "./catalogue-full-pages.ts";
import {
  episodePage,
  idOfToken,
  type Markup,
  notFoundPage,
  seasonPage,
  seriesPage,
} from "./catalogue-pages.ts";
import { ChallengeGate } from "./challenge.ts";
import { hostileSearchEntries, hostileSeries, SCRIPT_TITLE_RAW } from "./hostile-catalogue.ts";
import {
  type Failure,
  failureResponse,
  garbageHtml,
  type InjectedFailure,
  injectFailure,
  takeFailure,
} from "./hostile-responses.ts";
import { makeJpeg, makePng } from "./images.ts";
import { generateSampleCatalogue, type SampleEpisode, type SampleSeries } from "./sample-catalogue.ts";

export const HOSTILE_SLUGS = [
  "hostile-garbage",
  "hostile-script",
  "hostile-429",
  "hostile-500",
  "hostile-hang",
  "hostile-truncated",
  "hostile-huge",
] as const;

export interface CatalogueServerOptions {
  /** Number of sample series (default 50). */
  count?: number;
  /** Where /redirect/<id> points: `${hosterBaseUrl}/${hoster}/e/${slug}-s${season}e${episode}-${language}`. */
  hosterBaseUrl?: string;
  /** Answer 403 to clients without a browser-like User-Agent, like the real site. */
  requireBrowserHeaders?: boolean;
  /**
   * "real": the markup captured from the live site (lazy flags, no language box on some pages; see
   * catalogue-pages.ts); "full": whole pages in the shapes public clients meet (catalogue-full-pages.ts).
   */
  markup?: Markup;
  /**
   * Challenge mode: a DDoS-Guard 403 page for every request without a solver's clearance; "redirects": a
   * Turnstile page on `/redirect/<id>` and `/r` only (see challenge.ts).
   */
  challenge?: boolean | "redirects";
}

export interface CatalogueServer {
  url: string;
  series: SampleSeries[];
  /** Path + query of every request, in order. */
  requests: string[];
  count(pathPrefix: string): number;
  /** Makes the next `times` requests under `pathPrefix` fail (default: all of them). */
  /** `times` = 0 clears the failures injected under exactly this prefix. */
  inject(pathPrefix: string, failure: Failure, times?: number): void;
  /** Adds an episode at runtime (a "new release"); returns it. */
  addEpisode(slug: string, season: number, episode?: Partial<SampleEpisode>): SampleEpisode;
  find(slug: string): SampleSeries | undefined;
  /** The challenge mode's gate (switch it with `gate.enabled`); the FlareSolverr stand-in gets its clearances here. */
  gate: ChallengeGate;
  stop(): Promise<void>;
}

interface LinkTarget {
  slug: string;
  season: number;
  episode: number;
  language: Language;
  hoster: string;
}

export function startCatalogueServer(options: CatalogueServerOptions = {}): CatalogueServer {
  const series = generateSampleCatalogue(options.count ?? 50);
  const bySlug = new Map(series.map((s) => [s.slug, s]));
  const hostile = hostileSeries(series[0]!);
  const requests: string[] = [];
  const injected: InjectedFailure[] = [];
  const links = new Map<string, LinkTarget>();
  const linkIds = new Map<string, string>();
  let stopResolve: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stopResolve = r;
  });
  const hosterBase = (options.hosterBaseUrl ?? "https://hoster.invalid").replace(/\/+$/, "");
  const hitsPerPath = new Map<string, number>();
  const gate = new ChallengeGate(
    options.challenge !== undefined && options.challenge !== false,
    options.challenge === "redirects" ? { paths: /^\/(redirect\/|r$)/, page: "turnstile" } : null,
  );
  const markup = options.markup ?? "classic";

  // Slug-selected hostile behaviour (429 only for the first two hits, so retries can succeed).
  injected.push(
    {
      pathPrefix: "/anime/stream/hostile-500",
      failure: { kind: "status", status: 500 },
      remaining: Infinity,
    },
    { pathPrefix: "/anime/stream/hostile-hang", failure: { kind: "hang" }, remaining: Infinity },
    { pathPrefix: "/anime/stream/hostile-truncated", failure: { kind: "truncate" }, remaining: Infinity },
    { pathPrefix: "/anime/stream/hostile-huge", failure: { kind: "huge" }, remaining: Infinity },
    { pathPrefix: "/anime/stream/hostile-garbage", failure: { kind: "garbage" }, remaining: Infinity },
  );

  const linkId = (t: LinkTarget) => {
    const key = `${t.slug}|${t.season}|${t.episode}|${t.language}|${t.hoster}`;
    let id = linkIds.get(key);
    if (!id) {
      id = String(1000 + links.size);
      linkIds.set(key, id);
      links.set(id, t);
    }
    return id;
  };

  const html = (body: string, status = 200) =>
    new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });

  function route(url: URL): Response {
    const path = decodeURIComponent(url.pathname).replace(/\/+$/, "");
    if (path === "/ajax/seriesSearch") return search(url.searchParams.get("keyword") ?? "");
    const redirect =
      /^\/redirect\/([A-Za-z0-9_-]+)$/.exec(path)?.[1] ??
      (path === "/r" ? idOfToken(url.searchParams.get("t") ?? "") : undefined);
    if (redirect) {
      const t = links.get(redirect);
      if (!t) return html(notFoundPage(), 404);
      const location = `${hosterBase}/${t.hoster.toLowerCase()}/e/${t.slug}-s${t.season}e${t.episode}-${t.language}`;
      return new Response(null, { status: 301, headers: { Location: location } });
    }
    const image = /^\/public\/img\/(cover|backdrop)\/([a-z0-9-]+?)(?:-cover_(\d+)x(\d+))?\.(jpg|png)$/.exec(
      path,
    );
    if (image) {
      const s = bySlug.get(image[2]!) ?? (image[2] === hostile.slug ? hostile : undefined);
      if (!s) return new Response("no image", { status: 404 });
      const [w, h] = image[1] === "cover" ? [44, 66] : [96, 54];
      if (image[5] === "png")
        return new Response(makePng(w, h), { headers: { "Content-Type": "image/png" } });
      return new Response(makeJpeg(w, h, s.index), { headers: { "Content-Type": "image/jpeg" } });
    }
    const m =
      /^\/anime\/stream\/([a-z0-9-]+)(?:\/(?:staffel-(\d+)|(filme))(?:\/(?:episode|film)-(\d+))?)?$/.exec(
        path,
      );
    if (!m) return html(notFoundPage(), 404);
    const slug = m[1]!;
    if (slug === "hostile-429") {
      const hits = (hitsPerPath.get(path) ?? 0) + 1;
      hitsPerPath.set(path, hits);
      if (hits <= 2) return new Response("slow down", { status: 429, headers: { "Retry-After": "1" } });
    }
    const s = slug === "hostile-script" || slug === "hostile-429" ? { ...hostile, slug } : bySlug.get(slug);
    if (!s) return html(notFoundPage(), 404);
    const season = m[3] ? 0 : m[2] ? Number(m[2]) : null;
    const full = markup === "full" && bySlug.has(slug);
    if (season === null) {
      const page = full ? fullSeriesPage(s, url.origin) : seriesPage(s, markup);
      return html(
        slug === "hostile-script" ? page.replace("</span></h1>", `${SCRIPT_TITLE_RAW}</span></h1>`) : page,
      );
    }
    const episodes = s.seasons.get(season);
    if (!episodes) return html(notFoundPage(), 404);
    if (!m[4])
      return html(
        full ? fullSeasonPage(s, season, episodes, url.origin) : seasonPage(s, season, episodes, markup),
      );
    const e = episodes.find((x) => x.number === Number(m[4]));
    if (!e) return html(notFoundPage(), 404);
    const ids = (language: Language, hoster: string) =>
      linkId({ slug: s.slug, season, episode: e.number, language, hoster });
    return html(
      full ? fullEpisodePage(s, season, e, ids, url.origin) : episodePage(s, season, e, ids, markup),
    );
  }

  function search(keyword: string): Response {
    const q = keyword.trim().toLowerCase();
    if (q.startsWith("hostile")) return Response.json(hostileSearchEntries());
    if (q === "garbage") return new Response(garbageHtml(), { headers: { "Content-Type": "text/html" } });
    const hits = q
      ? series
          .filter((s) => [s.titleDe, s.titleEn, ...s.altTitles].some((t) => t.toLowerCase().includes(q)))
          .slice(0, 20)
      : [];
    return Response.json(
      hits.map((s) => ({
        name: s.titleDe.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
        link: s.slug,
        description: s.descriptionDe,
        cover: `/public/img/cover/${s.slug}-cover_150x225.jpg`,
        productionYear: `(${s.startYear} - ${s.endYear ?? "heute"})`,
      })),
    );
  }

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(request) {
      const url = new URL(request.url);
      requests.push(url.pathname + url.search);
      if (options.requireBrowserHeaders && !/Mozilla\/5\.0/.test(request.headers.get("user-agent") ?? ""))
        return new Response("Forbidden", { status: 403 });
      const challenged = gate.check(request);
      if (challenged) return challenged;
      const failure = takeFailure(injected, url.pathname);
      if (failure) return failureResponse(failure, request, stopped);
      return route(url);
    },
    error() {
      return new Response("stand-in error", { status: 500 });
    },
  });

  return {
    url: server.url.toString().replace(/\/$/, ""),
    series,
    requests,
    gate,
    count: (prefix) => requests.filter((r) => r.startsWith(prefix)).length,
    inject(pathPrefix, failure, times = Infinity) {
      injectFailure(injected, pathPrefix, failure, times);
    },
    addEpisode(slug, season, episode = {}) {
      const s = bySlug.get(slug);
      if (!s) throw new Error(`no sample series ${slug}`);
      const list = s.seasons.get(season) ?? [];
      s.seasons.set(season, list);
      const number = episode.number ?? (list.at(-1)?.number ?? 0) + 1;
      const added: SampleEpisode = {
        number,
        titleDe: episode.titleDe ?? `Neue Folge ${number}`,
        titleEn: episode.titleEn ?? `New Episode ${number}`,
        languages: episode.languages ?? ["de-sub", "en-sub"],
        hosters: episode.hosters ?? ["VOE", "Vidoza"],
      };
      list.push(added);
      list.sort((a, b) => a.number - b.number);
      return added;
    },
    find: (slug) => bySlug.get(slug),
    async stop() {
      stopResolve();
      await server.stop(true);
    },
  };
}

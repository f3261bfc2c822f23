import type {
  CatalogEpisode,
  CatalogSearchItem,
  CatalogSeriesDetails,
  HosterLink,
} from "../../../shared/catalog.ts";
import type { CatalogProvider } from "../contracts.ts";
import type { HttpClient } from "../http/http-client.ts";
import { ProviderError } from "../provider-error.ts";
import { episodePath, REDIRECT_PATH, seasonPath, seriesPath } from "./catalog-urls.ts";
import { parseEpisodePage } from "./episode-page-parser.ts";
import { parseSearchResults } from "./search-parser.ts";
import { parseSeasonPage } from "./season-page-parser.ts";
import { parseSeriesPage } from "./series-page-parser.ts";

export interface CatalogProviderOptions {
  /** e.g. "https://aniworld.to" (config.catalogUrl). */
  baseUrl: string;
  http: HttpClient;
  /** Page size limit; a catalogue page is well under 1 MB. */
  maxPageBytes?: number;
}

const PROVIDER = "aniworld";

/** The aniworld.to catalogue over the shared HTTP layer. Plain config in, no app services needed. */
export function createCatalogProvider(options: CatalogProviderOptions): CatalogProvider {
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const maxBytes = options.maxPageBytes ?? 2 * 1024 * 1024;
  const url = (path: string) => new URL(path.replace(/^\//, ""), base);
  const headers = (accept: string) => ({ Accept: accept, Referer: base.toString() });

  async function page(path: string, signal?: AbortSignal): Promise<string> {
    const res = await options.http.request({
      provider: PROVIDER,
      url: url(path),
      headers: headers("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
      maxBytes,
      ...(signal ? { signal } : {}),
    });
    return res.text();
  }

  return {
    async search(query: string, signal?: AbortSignal): Promise<CatalogSearchItem[]> {
      const keyword = query.trim().slice(0, 200);
      if (!keyword) return [];
      const target = url("ajax/seriesSearch");
      target.searchParams.set("keyword", keyword);
      const res = await options.http.request({
        provider: PROVIDER,
        url: target,
        headers: {
          ...headers("application/json, text/javascript, */*; q=0.01"),
          "X-Requested-With": "XMLHttpRequest",
        },
        maxBytes,
        ...(signal ? { signal } : {}),
      });
      return parseSearchResults(res.json(), base);
    },

    async getSeries(slug: string, signal?: AbortSignal): Promise<CatalogSeriesDetails> {
      return parseSeriesPage(await page(seriesPath(slug), signal), slug, base);
    },

    async getEpisodes(slug: string, season: number, signal?: AbortSignal): Promise<CatalogEpisode[]> {
      return parseSeasonPage(await page(seasonPath(slug, season), signal), slug, season);
    },

    async getStreams(
      slug: string,
      season: number,
      episode: number,
      signal?: AbortSignal,
    ): Promise<HosterLink[]> {
      const html = await page(episodePath(slug, season, episode), signal);
      return parseEpisodePage(html, `"${slug}" S${season}E${episode}`);
    },

    async resolveRedirect(redirectPath: string, signal?: AbortSignal): Promise<string> {
      if (!REDIRECT_PATH.test(redirectPath))
        throw new ProviderError(PROVIDER, null, "not a catalogue redirect path", { retryable: false });
      const res = await options.http.request({
        provider: PROVIDER,
        url: url(redirectPath),
        headers: headers("text/html,*/*;q=0.8"),
        redirect: "manual",
        maxBytes: 64 * 1024,
        ...(signal ? { signal } : {}),
      });
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location)
        throw new ProviderError(PROVIDER, res.status, "the redirect did not lead to a hoster", {
          retryable: false,
        });
      let target: URL;
      try {
        target = new URL(location, url(redirectPath));
      } catch (cause) {
        throw new ProviderError(PROVIDER, res.status, "the redirect target is not a URL", {
          cause,
          retryable: false,
        });
      }
      if (target.protocol !== "https:" && target.protocol !== "http:")
        throw new ProviderError(PROVIDER, res.status, "the redirect target is not http(s)", {
          retryable: false,
        });
      return target.toString();
    },
  };
}

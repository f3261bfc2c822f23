import type {
  CatalogEpisode,
  CatalogSearchItem,
  CatalogSeriesDetails,
  HosterLink,
} from "../../../shared/catalog.ts";
import { folderUrl, joinUrl } from "../../lib/urls.ts";
import type { CatalogProvider } from "../contracts.ts";
import type { HttpClient } from "../http/http-client.ts";
import { challengeInUnparsedPage, challengeName } from "../net/challenge.ts";
import { ProviderError } from "../provider-error.ts";
import { episodePath, REDIRECT_PATH, seasonPath, seriesPath } from "./catalog-urls.ts";
import { parseEpisodePage } from "./episode-page-parser.ts";
import { savePageCopy } from "./page-copy.ts";
import { parseSearchResults } from "./search-parser.ts";
import { parseSeasonPage } from "./season-page-parser.ts";
import { parseSeriesPage } from "./series-page-parser.ts";

export interface CatalogProviderOptions {
  /** e.g. "https://aniworld.to" (config.catalogUrl). */
  baseUrl: string;
  http: HttpClient;
  /** Page size limit; a catalogue page is well under 1 MB. */
  maxPageBytes?: number;
  /** Where copies of pages we could not read are kept (the data dir's page-copies); null = none. */
  pageCopyDir?: string | null;
}

const PROVIDER = "aniworld";

/** The aniworld.to catalogue over the shared HTTP layer. Plain config in, no app services needed. */
export function createCatalogProvider(options: CatalogProviderOptions): CatalogProvider {
  const base = folderUrl(options.baseUrl);
  const maxBytes = options.maxPageBytes ?? 2 * 1024 * 1024;
  const url = (path: string) => joinUrl(base, path);
  const referer = base.toString();

  /** `from`: the page a browser would have come from (series ← site, season ← series, episode ← season). */
  async function page(path: string, from: string, signal?: AbortSignal): Promise<string> {
    const res = await options.http.request({
      provider: PROVIDER,
      url: url(path),
      kind: "document",
      referer: from,
      maxBytes,
      ...(signal ? { signal } : {}),
    });
    return res.text();
  }

  /**
   * Runs a parser; when the page lacks what we look for, a challenge page explains it (blocked, with the
   * advice), otherwise the layout changed and a copy of the page is kept for a bug report.
   */
  function parsed<T>(body: string, kind: string, name: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ProviderError) || error.code !== "layout") throw error;
      const challenge = challengeInUnparsedPage(body);
      if (challenge) throw options.http.net.blocked(PROVIDER, base, error, challengeName(challenge));
      const copy = savePageCopy(options.pageCopyDir ?? null, kind, name, body);
      throw new ProviderError(
        PROVIDER,
        null,
        copy ? `${error.message} (a copy of the page is in ${copy})` : error.message,
        {
          code: "layout",
          cause: error,
        },
      );
    }
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
        kind: "xhr",
        referer,
        headers: { "X-Requested-With": "XMLHttpRequest" },
        maxBytes,
        ...(signal ? { signal } : {}),
      });
      const body = res.text();
      return parsed(body, "search", keyword, () => {
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch (cause) {
          throw new ProviderError(
            PROVIDER,
            res.status,
            "the page layout changed: the search answer is not JSON",
            {
              code: "layout",
              cause,
            },
          );
        }
        return parseSearchResults(json, base);
      });
    },

    async getSeries(slug: string, signal?: AbortSignal): Promise<CatalogSeriesDetails> {
      const body = await page(seriesPath(slug), referer, signal);
      return parsed(body, "series", slug, () => parseSeriesPage(body, slug, base));
    },

    async getEpisodes(slug: string, season: number, signal?: AbortSignal): Promise<CatalogEpisode[]> {
      const body = await page(seasonPath(slug, season), url(seriesPath(slug)).href, signal);
      return parsed(body, "season", `${slug}-${season}`, () => parseSeasonPage(body, slug, season));
    },

    async getStreams(
      slug: string,
      season: number,
      episode: number,
      signal?: AbortSignal,
    ): Promise<HosterLink[]> {
      const html = await page(episodePath(slug, season, episode), url(seasonPath(slug, season)).href, signal);
      return parsed(html, "episode", `${slug}-${season}-${episode}`, () =>
        parseEpisodePage(html, `"${slug}" S${season}E${episode}`),
      );
    },

    async resolveRedirect(redirectPath: string, signal?: AbortSignal): Promise<string> {
      if (!REDIRECT_PATH.test(redirectPath))
        throw new ProviderError(PROVIDER, null, "not a catalogue redirect path", { retryable: false });
      const res = await options.http.request({
        provider: PROVIDER,
        url: url(redirectPath),
        kind: "document",
        referer,
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

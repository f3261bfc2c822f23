/**
 * Provider contracts. Providers are called only from services and workers; they throw ProviderError for
 * every failure of the outside service (see provider-error.ts) and never return HTML for the UI.
 */
import type {
  CatalogEpisode,
  CatalogSearchItem,
  CatalogSeriesDetails,
  HosterLink,
} from "../../shared/catalog.ts";

export interface CatalogProvider {
  search(query: string, signal?: AbortSignal): Promise<CatalogSearchItem[]>;
  getSeries(slug: string, signal?: AbortSignal): Promise<CatalogSeriesDetails>;
  /** Episodes of one season (0 = films) with titles and available languages. */
  getEpisodes(slug: string, season: number, signal?: AbortSignal): Promise<CatalogEpisode[]>;
  /** Hoster links per language for one episode. */
  getStreams(slug: string, season: number, episode: number, signal?: AbortSignal): Promise<HosterLink[]>;
  /** Follows "/redirect/<id>" to the hoster's embed URL (without fetching the hoster page). */
  resolveRedirect(redirectPath: string, signal?: AbortSignal): Promise<string>;
}

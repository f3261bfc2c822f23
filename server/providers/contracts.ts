/**
 * Provider contracts. Providers are called only from services and workers; they throw ProviderError for
 * every failure of the outside service (see provider-error.ts) and never return HTML for the UI.
 */
import type {
  CatalogEpisode,
  CatalogSearchItem,
  CatalogSeriesDetails,
  HosterLink,
  SeriesIdentity,
} from "../../shared/catalog.ts";
import type { AirDate } from "../../shared/loader-messages.ts";

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

/** What the NFO / logo / images loader steps receive. `seriesDir` is absolute and inside the library root. */
export interface MetadataStepInput {
  seriesDir: string;
  identity: SeriesIdentity;
  details: CatalogSeriesDetails;
  /** Episodes known from the catalogue, for episode NFOs and season posters. */
  seasons: number[];
}

export type ArtworkOutcome = "written" | "unavailable" | "skipped";

/**
 * Writes the metadata beside a series: one method per loader step. Each is idempotent, writes atomically,
 * skips what is already on disk, and throws ProviderError (retryable or not) when an outside service fails.
 * "unavailable" means the source has nothing (e.g. no TMDB key → no logo): not a failure.
 */
export interface MetadataWriter {
  /** Resolves TMDB (by IMDb id, else title + year) when a key is set, writes tvshow.nfo. */
  writeNfo(
    input: MetadataStepInput,
    signal?: AbortSignal,
  ): Promise<{ tmdbId: number | null; imdbId: string | null }>;
  writeLogo(input: MetadataStepInput, signal?: AbortSignal): Promise<ArtworkOutcome>;
  writeImages(
    input: MetadataStepInput,
    signal?: AbortSignal,
  ): Promise<{ poster: ArtworkOutcome; fanart: ArtworkOutcome; seasonPosters: number }>;
  /** First air dates of the episodes of these seasons from TMDB; none without a TMDB key. */
  airDates(tmdbId: number, seasons: readonly number[], signal?: AbortSignal): Promise<AirDate[]>;
}

import { join } from "node:path";
import { POSTER_FILES } from "../../shared/artwork.ts";
import { CATALOG_KEY_PREFIX } from "../../shared/catalog.ts";
import type { AirDate } from "../../shared/loader-messages.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { ArtworkOutcome, MetadataStepInput, MetadataWriter } from "../providers/contracts.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import {
  TmdbClient,
  type TmdbConfig,
  type TmdbEpisode,
  type TmdbShow,
} from "../providers/tmdb/tmdb-client.ts";
import { BoundedCache } from "./bounded-cache.ts";
import {
  type EpisodeMetadataContext,
  type EpisodeMetadataResult,
  type EpisodeNfoInput,
  writeEpisodeMetadata,
} from "./episode-metadata.ts";
import { DEFAULT_MAX_IMAGE_BYTES, fetchImage } from "./image-fetcher.ts";
import { readNfoFacts } from "./nfo-reader.ts";
import { ensureSeriesDir, nonEmptyFileExists } from "./series-folder.ts";
import { buildTvshowNfo, TVSHOW_NFO, writeTvshowNfo } from "./tvshow-nfo.ts";

/** Plain configuration (no app services), so a loader Worker can build its own writer. */
export interface MetadataWriterOptions {
  libraryRoot: string;
  /** settings.metadataLanguage, e.g. "de-DE". */
  language: string;
  catalog: { baseUrl: string };
  /** null or an empty key: catalogue-only metadata (logo and fanart "unavailable"). */
  tmdb: TmdbConfig | null;
  http: HttpClient;
  maxImageBytes?: number;
}

export type { EpisodeMetadataResult, EpisodeNfoInput };

export interface AniworldMetadataWriter extends MetadataWriter {
  /**
   * Writes `<video>.nfo` beside a downloaded file (TMDB season data when matched, catalogue titles otherwise)
   * and `<video>-thumb.jpg` from the TMDB episode still when there is one. A thumbnail that cannot be fetched
   * does not stop the NFO: it is reported in the result.
   */
  writeEpisodeMetadata(
    videoPath: string,
    input: EpisodeNfoInput,
    signal?: AbortSignal,
  ): Promise<EpisodeMetadataResult>;
  /** `writeEpisodeMetadata` for callers that only want the NFO's path. */
  writeEpisodeNfo(videoPath: string, input: EpisodeNfoInput, signal?: AbortSignal): Promise<string>;
}

export function createMetadataWriter(options: MetadataWriterOptions): AniworldMetadataWriter {
  const tmdb = options.tmdb?.apiKey ? new TmdbClient(options.tmdb, options.http, options.language) : null;
  const catalogHost = new URL(options.catalog.baseUrl).host;
  const images = {
    http: options.http,
    allowedHosts: [catalogHost, ...(tmdb ? [tmdb.imageHost] : [])],
    maxBytes: options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
  };
  // Steps of one series run back to back: keep the match and details instead of asking TMDB three times.
  const matches = new BoundedCache<string, number | null>(500);
  const shows = new BoundedCache<number, TmdbShow>(100);
  const seasons = new BoundedCache<string, TmdbEpisode[]>(200);

  async function showFor(input: Pick<MetadataStepInput, "identity" | "details">, signal?: AbortSignal) {
    if (!tmdb) return null;
    let id = input.identity.tmdbId ?? matches.get(input.identity.catalogKey);
    if (id === undefined) {
      const match = await tmdb.match(
        {
          imdbId: input.identity.imdbId ?? input.details.imdbId,
          titles: [input.identity.title, input.details.title, ...input.details.alternativeTitles],
          year: input.identity.year ?? input.details.startYear,
        },
        signal,
      );
      id = match?.id ?? null;
      matches.set(input.identity.catalogKey, id);
    }
    if (id === null) return null;
    const cached = shows.get(id);
    if (cached) return cached;
    const show = await tmdb.show(id, signal);
    shows.set(id, show);
    return show;
  }

  async function saveImage(
    path: string,
    url: string | null,
    kind: "jpeg" | "png",
    provider: string,
    signal?: AbortSignal,
  ): Promise<ArtworkOutcome> {
    if (await nonEmptyFileExists(path)) return "skipped";
    if (!url) return "unavailable";
    const { bytes } = await fetchImage(images, url, kind, provider, signal);
    await writeFileAtomic(path, bytes);
    return "written";
  }

  /** The catalogue's covers come as PNG as well as JPEG: the format is kept (poster.png), never a failure. */
  async function savePoster(
    dir: string,
    url: string | null,
    provider: string,
    signal?: AbortSignal,
  ): Promise<ArtworkOutcome> {
    for (const name of POSTER_FILES) if (await nonEmptyFileExists(join(dir, name))) return "skipped";
    if (!url) return "unavailable";
    const { bytes, info } = await fetchImage(images, url, ["jpeg", "png"], provider, signal);
    await writeFileAtomic(join(dir, info.kind === "png" ? "poster.png" : "poster.jpg"), bytes);
    return "written";
  }

  const episodeContext: EpisodeMetadataContext = {
    language: options.language,
    season: tmdb
      ? async (tmdbId, season, signal) => {
          const key = `${tmdbId}:${season}`;
          let list = seasons.get(key);
          if (!list) {
            list = await tmdb.season(tmdbId, season, signal);
            seasons.set(key, list);
          }
          return list;
        }
      : null,
    saveImage,
  };

  const providerOf = (url: string | null) => (url && new URL(url).host === catalogHost ? "aniworld" : "tmdb");

  return {
    async writeNfo(input, signal) {
      const dir = await ensureSeriesDir(options.libraryRoot, input.seriesDir);
      const existing = await readOwnNfo(join(dir, TVSHOW_NFO), input.details.slug);
      // Keep an NFO on disk unless it is ours and TMDB can now improve it (a key was added since).
      if (existing && (existing.tmdbId !== null || !tmdb || existing.foreign))
        return { tmdbId: existing.tmdbId, imdbId: existing.imdbId };
      const show = await showFor(input, signal);
      await writeTvshowNfo(dir, buildTvshowNfo(input.details, show, options.language));
      return {
        tmdbId: show?.id ?? null,
        imdbId: show?.imdbId ?? input.details.imdbId ?? input.identity.imdbId,
      };
    },

    async writeLogo(input, signal) {
      const dir = await ensureSeriesDir(options.libraryRoot, input.seriesDir);
      if (!tmdb) return (await nonEmptyFileExists(join(dir, "logo.png"))) ? "skipped" : "unavailable";
      const show = await showFor(input, signal);
      return saveImage(join(dir, "logo.png"), show?.logoUrl ?? null, "png", "tmdb", signal);
    },

    async writeImages(input, signal) {
      const dir = await ensureSeriesDir(options.libraryRoot, input.seriesDir);
      const show = await showFor(input, signal);
      const posterUrl = show?.posterUrl ?? input.details.coverUrl;
      const poster = await savePoster(dir, posterUrl, providerOf(posterUrl), signal);
      const fanart = await saveImage(
        join(dir, "fanart.jpg"),
        show?.backdropUrl ?? null,
        "jpeg",
        "tmdb",
        signal,
      );
      let seasonPosters = 0;
      for (const season of input.seasons) {
        const name =
          season === 0 ? "season-specials-poster.jpg" : `season${String(season).padStart(2, "0")}-poster.jpg`;
        const outcome = await saveImage(
          join(dir, name),
          show?.seasonPosterUrls.get(season) ?? null,
          "jpeg",
          "tmdb",
          signal,
        );
        if (outcome !== "unavailable") seasonPosters++;
      }
      return { poster, fanart, seasonPosters };
    },

    async airDates(tmdbId, seasonNumbers, signal) {
      if (!tmdb) return [];
      const dates: AirDate[] = [];
      for (const season of seasonNumbers) {
        // Read afresh (dates get announced and moved); later episode metadata may use the same answer.
        const list = await tmdb.season(tmdbId, season, signal);
        seasons.set(`${tmdbId}:${season}`, list);
        for (const e of list) if (e.airDate) dates.push({ season, number: e.episode, airDate: e.airDate });
      }
      return dates;
    },

    writeEpisodeMetadata: (videoPath, input, signal) =>
      writeEpisodeMetadata(episodeContext, videoPath, input, signal),

    async writeEpisodeNfo(videoPath, input, signal) {
      return (await writeEpisodeMetadata(episodeContext, videoPath, input, signal)).nfoPath;
    },
  };
}

/** Ids from an existing tvshow.nfo; `foreign` when it is not one of ours (then it is never overwritten). */
async function readOwnNfo(
  path: string,
  slug: string,
): Promise<{ tmdbId: number | null; imdbId: string | null; foreign: boolean } | null> {
  const file = Bun.file(path);
  if (!(await file.exists())) return null;
  const facts = readNfoFacts(await file.text());
  return {
    tmdbId: facts.tmdbId,
    imdbId: facts.imdbId,
    foreign: facts.catalogKey !== `${CATALOG_KEY_PREFIX}${slug}`,
  };
}

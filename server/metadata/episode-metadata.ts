import { basename } from "node:path";
import type { CatalogEpisode } from "../../shared/catalog.ts";
import { slugOf } from "../../shared/catalog.ts";
import { LANGUAGE_LABELS, type Language } from "../../shared/languages.ts";
import { messageOf } from "../lib/error-message.ts";
import type { ArtworkOutcome, MetadataStepInput } from "../providers/contracts.ts";
import type { TmdbEpisode } from "../providers/tmdb/tmdb-client.ts";
import { episodeThumbPath, writeEpisodeNfo } from "./episode-nfo.ts";

export interface EpisodeNfoInput {
  identity: MetadataStepInput["identity"];
  episode: Pick<CatalogEpisode, "season" | "number" | "titleDe" | "titleEn">;
  language?: Language | null;
}

export interface EpisodeMetadataResult {
  nfoPath: string;
  /** `<video>-thumb.jpg`: "unavailable" without a TMDB match or still, "failed" with `thumbError` set. */
  thumb: ArtworkOutcome | "failed";
  thumbError: string | null;
}

/** What the metadata writer lends: its (cached) TMDB season lookup and its checked image saving. */
export interface EpisodeMetadataContext {
  /** settings.metadataLanguage, e.g. "de-DE". */
  language: string;
  /** null without a TMDB key. */
  season: ((tmdbId: number, season: number, signal?: AbortSignal) => Promise<TmdbEpisode[]>) | null;
  /** Fetches an image from an allowed host, checks type and bytes, writes it atomically (metadata-writer.ts). */
  saveImage(
    path: string,
    url: string | null,
    kind: "jpeg",
    provider: string,
    signal?: AbortSignal,
  ): Promise<ArtworkOutcome>;
}

/**
 * The files beside a downloaded episode: `<video>-thumb.jpg` from the TMDB still when there is one, then
 * `<video>.nfo` (TMDB season data when matched, catalogue titles otherwise) referring to the thumbnail.
 * A thumbnail that cannot be had does not stop the NFO; the reason is in the result.
 */
export async function writeEpisodeMetadata(
  ctx: EpisodeMetadataContext,
  videoPath: string,
  input: EpisodeNfoInput,
  signal?: AbortSignal,
): Promise<EpisodeMetadataResult> {
  const { season, number } = input.episode;
  const tmdbId = input.identity.tmdbId;
  let tmdbEpisode: TmdbEpisode | null = null;
  if (ctx.season && tmdbId !== null)
    tmdbEpisode = (await ctx.season(tmdbId, season, signal)).find((e) => e.episode === number) ?? null;

  const thumbPath = episodeThumbPath(videoPath);
  let thumb: EpisodeMetadataResult["thumb"];
  let thumbError: string | null = null;
  try {
    thumb = await ctx.saveImage(thumbPath, tmdbEpisode?.stillUrl ?? null, "jpeg", "tmdb", signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    thumb = "failed";
    thumbError = messageOf(error);
  }

  const catalogTitle = ctx.language.startsWith("de")
    ? input.episode.titleDe || input.episode.titleEn
    : input.episode.titleEn || input.episode.titleDe;
  const nfoPath = await writeEpisodeNfo(videoPath, {
    showTitle: input.identity.title,
    season,
    episode: number,
    title: tmdbEpisode?.name ?? catalogTitle ?? null,
    plot: tmdbEpisode?.overview ?? null,
    aired: tmdbEpisode?.airDate ?? null,
    rating: tmdbEpisode?.rating ?? null,
    tmdbEpisodeId: tmdbEpisode?.tmdbId ?? null,
    seriesIds: {
      aniworld: slugOf(input.identity.catalogKey),
      tmdb: tmdbId,
      imdb: input.identity.imdbId,
      tvdb: null,
    },
    languageLabel: input.language ? LANGUAGE_LABELS[input.language] : null,
    // Relative to the NFO: the file sits beside it.
    thumb: thumb === "written" || thumb === "skipped" ? basename(thumbPath) : null,
  });
  return { nfoPath, thumb, thumbError };
}

import type { DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import type { Language } from "../../shared/languages.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { createMetadataWriter, type EpisodeNfoInput } from "../metadata/metadata-writer.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import type { SettingsService } from "../services/settings-service.ts";

/** The part of the metadata writer a finished download needs (AniworldMetadataWriter fits). */
export interface EpisodeFinisher {
  writeEpisodeNfo(videoPath: string, input: EpisodeNfoInput, signal?: AbortSignal): Promise<string>;
}

/**
 * After a file landed: its episode NFO beside it. Metadata trouble never fails a finished download; it
 * becomes the item's note. Thumbnails (`<video>-thumb.jpg`) wait for the TMDB client to expose episode stills.
 */
export async function finishEpisode(
  finisher: EpisodeFinisher | undefined,
  item: DownloadWithEpisode,
  outcome: { absolutePath: string; language: Language; note: string | null },
  logger: Logger,
): Promise<string | null> {
  if (!finisher) return outcome.note;
  try {
    await finisher.writeEpisodeNfo(outcome.absolutePath, {
      identity: {
        catalogKey: item.series.catalogKey,
        title: item.series.title,
        year: item.series.year,
        imdbId: item.series.imdbId,
        tmdbId: item.series.tmdbId,
      },
      episode: {
        season: item.episode.season,
        number: item.episode.number,
        titleDe: item.episode.titleDe,
        titleEn: item.episode.titleEn,
      },
      language: outcome.language,
    });
    return outcome.note;
  } catch (error) {
    logger.warn("episode NFO not written", { episodeId: item.episode.id, error });
    const msg = `episode NFO not written: ${error instanceof Error ? error.message : String(error)}`;
    return outcome.note ? `${outcome.note}; ${msg}` : msg;
  }
}

/** The providers' metadata writer, built per call so a changed TMDB key or metadata language applies at once. */
export function metadataFinisher(
  config: Config,
  settings: SettingsService,
  http: HttpClient,
): EpisodeFinisher {
  return {
    writeEpisodeNfo(videoPath, input, signal) {
      const s = settings.get();
      const writer = createMetadataWriter({
        libraryRoot: config.library,
        language: s.metadataLanguage,
        catalog: { baseUrl: config.catalogUrl },
        tmdb: s.tmdbApiKey
          ? { apiKey: s.tmdbApiKey, baseUrl: config.tmdbUrl, imageBaseUrl: config.tmdbImageUrl }
          : null,
        http,
      });
      return writer.writeEpisodeNfo(videoPath, input, signal);
    },
  };
}

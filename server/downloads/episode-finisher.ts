import type { DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import type { Language } from "../../shared/languages.ts";
import type { Config } from "../config.ts";
import { messageOf } from "../lib/error-message.ts";
import type { Logger } from "../logger.ts";
import {
  createMetadataWriter,
  type EpisodeMetadataResult,
  type EpisodeNfoInput,
} from "../metadata/metadata-writer.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import type { SettingsService } from "../settings/settings-service.ts";

/** The part of the metadata writer a finished download needs (AniworldMetadataWriter fits). */
export interface EpisodeFinisher {
  writeEpisodeMetadata(
    videoPath: string,
    input: EpisodeNfoInput,
    signal?: AbortSignal,
  ): Promise<EpisodeMetadataResult>;
}

/**
 * After a file landed: its episode NFO and, when TMDB has a still, `<video>-thumb.jpg` beside it. Metadata
 * trouble never fails a finished download; it becomes the item's note. No TMDB match means no thumbnail and
 * no note (that is the normal catalogue-only case, not a fault).
 */
export async function finishEpisode(
  finisher: EpisodeFinisher | undefined,
  item: DownloadWithEpisode,
  outcome: { absolutePath: string; language: Language; note: string | null },
  logger: Logger,
): Promise<string | null> {
  if (!finisher) return outcome.note;
  try {
    const written = await finisher.writeEpisodeMetadata(outcome.absolutePath, {
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
    if (written.thumbError === null) return outcome.note;
    logger.warn("episode thumbnail not written", { episodeId: item.episode.id, error: written.thumbError });
    return joinNotes(outcome.note, `episode thumbnail not written: ${written.thumbError}`);
  } catch (error) {
    logger.warn("episode NFO not written", { episodeId: item.episode.id, error });
    const msg = `episode NFO not written: ${messageOf(error)}`;
    return joinNotes(outcome.note, msg);
  }
}

const joinNotes = (a: string | null, b: string) => (a ? `${a}; ${b}` : b);

/** The providers' metadata writer, built per call so a changed TMDB key or metadata language applies at once. */
export function metadataFinisher(
  config: Config,
  settings: SettingsService,
  http: HttpClient,
): EpisodeFinisher {
  return {
    writeEpisodeMetadata(videoPath, input, signal) {
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
      return writer.writeEpisodeMetadata(videoPath, input, signal);
    },
  };
}

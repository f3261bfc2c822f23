import type { Db } from "../../db/connection.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { SeriesListQueries } from "../../db/repositories/series-list-query.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { MissingRule } from "../../db/repositories/series-summaries.ts";
import { UnmatchedFilesRepository } from "../../db/repositories/unmatched-files-repository.ts";
import { AppError } from "../../shared/errors.ts";
import type { UnmatchedFile } from "../../shared/library-api.ts";
import type { EpisodeState, MissingEpisode, SeriesDetails } from "../../shared/series-details.ts";
import type { SeriesListPage, SeriesListQuery } from "../../shared/series-list.ts";
import type { SettingsService } from "../settings/settings-service.ts";

/** Read side of the library: series with on-disk / missing counts, one series in detail, missing episodes. */
export class SeriesQueryService {
  private readonly seriesRepo: SeriesRepository;
  private readonly episodesRepo: EpisodesRepository;
  private readonly listQueries: SeriesListQueries;
  private readonly unmatchedRepo: UnmatchedFilesRepository;

  constructor(
    db: Db,
    private readonly settings: SettingsService,
  ) {
    this.seriesRepo = new SeriesRepository(db);
    this.episodesRepo = new EpisodesRepository(db);
    this.listQueries = new SeriesListQueries(db.$client);
    this.unmatchedRepo = new UnmatchedFilesRepository(db);
  }

  missingRule(): MissingRule {
    const s = this.settings.get();
    return { mode: s.missingMode, defaultLanguages: s.languages };
  }

  /** One window of the library, filtered, searched and sorted by the database. */
  list(query: SeriesListQuery): SeriesListPage {
    return this.listQueries.page(query, this.missingRule());
  }

  get(id: number): SeriesDetails {
    const rule = this.missingRule();
    const row = this.seriesRepo.findById(id);
    // The same row series.list shows for this series.
    const summary = this.listQueries.summary(id, rule);
    if (!row || !summary) throw new AppError("NOT_FOUND", `no series with id ${id}`);
    const preferred = new Set(row.languages ?? rule.defaultLanguages);
    const episodes = this.episodesRepo.listBySeries(id).map((e): EpisodeState => {
      const onDisk = e.filePath !== null;
      const offered = rule.mode === "any" || e.languages.some((l) => preferred.has(l));
      return {
        id: e.id,
        season: e.season,
        number: e.number,
        titleDe: e.titleDe,
        titleEn: e.titleEn,
        languages: e.languages,
        airDate: e.airDate,
        monitored: e.monitored,
        inCatalog: e.inCatalog,
        onDisk,
        filePath: e.filePath,
        fileSize: e.fileSize,
        fileLanguage: e.fileLanguage,
        missing: e.inCatalog && !onDisk && offered,
      };
    });
    return {
      ...summary,
      description: row.description,
      genres: row.genres,
      imdbId: row.imdbId,
      tmdbId: row.tmdbId,
      endYear: row.endYear,
      languages: row.languages,
      logoUnavailable: row.logoUnavailable,
      episodes,
    };
  }

  /** Missing episodes library-wide or of one series (NOT_FOUND for an unknown series). */
  missing(seriesId?: number): MissingEpisode[] {
    if (seriesId !== undefined && !this.seriesRepo.findById(seriesId))
      throw new AppError("NOT_FOUND", `no series with id ${seriesId}`);
    return this.episodesRepo.listMissing(this.missingRule(), seriesId);
  }

  /** The video files of a series folder that the last scan attached to no episode (NOT_FOUND for an unknown series). */
  unmatched(seriesId: number): UnmatchedFile[] {
    if (!this.seriesRepo.findById(seriesId)) throw new AppError("NOT_FOUND", `no series with id ${seriesId}`);
    return this.unmatchedRepo.listBySeries(seriesId);
  }
}

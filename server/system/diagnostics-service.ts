import type { DbHandle } from "../../db/connection.ts";
import { foldersKnownOnDisk, SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { CheckResult, HosterSummary } from "../../shared/diagnostics.ts";
import type { CatalogService } from "../catalog/catalog-service.ts";
import type { Config } from "../config.ts";
import type { DownloadQueueService } from "../downloads/download-queue-service.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { runConnectionChecks, runLocalChecks } from "./connection-check.ts";
import { summarizeHosters } from "./hoster-summary.ts";

const RECENT_ATTEMPTS = 500;

/** System → Health and System → Providers (and `aniworld doctor` through the same checks). */
export class DiagnosticsService {
  private readonly series: SeriesRepository;

  constructor(
    private readonly o: {
      config: Config;
      db: DbHandle;
      settings: SettingsService;
      catalog: CatalogService;
      downloads: DownloadQueueService;
      /** A full run's results (the health watch turns changes into events; it observes its own local runs). */
      onResults?: (results: CheckResult[]) => void;
    },
  ) {
    this.series = new SeriesRepository(o.db.db);
  }

  providers(): HosterSummary[] {
    return summarizeHosters(this.o.downloads.repo.recentAttempts(RECENT_ATTEMPTS));
  }

  async check(signal?: AbortSignal): Promise<CheckResult[]> {
    const { config } = this.o;
    const results = await runConnectionChecks({
      http: this.o.catalog.http,
      catalogUrl: config.catalogUrl,
      tmdbUrl: config.tmdbUrl,
      tmdbImageUrl: config.tmdbImageUrl,
      tmdbApiKey: this.o.settings.get().tmdbApiKey,
      libraryRoot: config.library,
      seriesFolders: foldersKnownOnDisk(this.o.db.db),
      failedSeries: this.series.listFailedLoading(20),
      hosters: this.providers(),
      ...(config.hosterUrls.length ? { hosterOrigins: config.hosterUrls } : {}),
      ...(signal ? { signal } : {}),
    });
    this.o.onResults?.(results);
    return results;
  }

  /** The checks without outbound requests (disk, ffmpeg, failed series, failing hosters). */
  localChecks(): Promise<CheckResult[]> {
    return runLocalChecks({
      http: this.o.catalog.http,
      catalogUrl: this.o.config.catalogUrl,
      libraryRoot: this.o.config.library,
      seriesFolders: foldersKnownOnDisk(this.o.db.db),
      failedSeries: this.series.listFailedLoading(20),
      hosters: this.providers(),
    });
  }
}

import type { Db } from "../../db/connection.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { Config } from "../config.ts";
import type { EventsService } from "../events/events-service.ts";
import type { Logger } from "../logger.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import { TmdbClient } from "../providers/tmdb/tmdb-client.ts";
import type { SettingsService } from "../settings/settings-service.ts";

/**
 * Episode air dates from TMDB, for Wanted and the calendar: fetched for a series each time its loading
 * completes (the NFO step has matched it to a TMDB id by then). Without a TMDB key or match, nothing
 * changes; a failure is logged and the next load tries again.
 */
export class AirDates {
  // Built on first use: their prepared statements stay off the start-up path.
  private seriesRepo: SeriesRepository | null = null;
  private episodesRepo: EpisodesRepository | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly o: {
      db: Db;
      events: EventsService;
      settings: SettingsService;
      config: Pick<Config, "tmdbUrl" | "tmdbImageUrl">;
      http: HttpClient;
      logger: Logger;
    },
  ) {}

  private get series(): SeriesRepository {
    this.seriesRepo ??= new SeriesRepository(this.o.db);
    return this.seriesRepo;
  }

  private get episodes(): EpisodesRepository {
    this.episodesRepo ??= new EpisodesRepository(this.o.db);
    return this.episodesRepo;
  }

  start(): void {
    this.unsubscribe = this.o.events.subscribe(({ event }) => {
      if (event.type !== "series.loadingChanged" || event.status !== "completed") return;
      const run: Promise<unknown> = this.refresh(event.seriesId)
        .catch((error: unknown) =>
          this.o.logger.warn("air dates not refreshed", { seriesId: event.seriesId, error: String(error) }),
        )
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(this.pending);
  }

  /** Reads every season of the series from TMDB and stores the dates; returns how many changed. */
  async refresh(seriesId: number, signal?: AbortSignal): Promise<number> {
    const s = this.o.settings.get();
    const row = this.series.findById(seriesId);
    if (!s.tmdbApiKey || !row?.tmdbId) return 0;
    const tmdb = new TmdbClient(
      { apiKey: s.tmdbApiKey, baseUrl: this.o.config.tmdbUrl, imageBaseUrl: this.o.config.tmdbImageUrl },
      this.o.http,
      s.metadataLanguage,
    );
    const seasons = [...new Set(this.episodes.listBySeries(seriesId).map((e) => e.season))].filter(
      (n) => n > 0,
    );
    let changed = 0;
    for (const season of seasons) {
      const list = await tmdb.season(row.tmdbId, season, signal);
      changed += this.episodes.setAirDates(
        seriesId,
        list.flatMap((e) => (e.airDate ? [{ season, number: e.episode, airDate: e.airDate }] : [])),
      );
    }
    return changed;
  }
}

import type { Db } from "../../db/connection.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import { slugOf } from "../../shared/catalog.ts";
import { messageOf } from "../lib/error-message.ts";
import { type LongTimer, setLongTimeout } from "../lib/long-timer.ts";
import type { Logger } from "../logger.ts";
import type { CatalogProvider } from "../providers/contracts.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import type { DownloadQueueService } from "./download-queue-service.ts";

export interface MonitorReport {
  series: number;
  added: number;
  queued: number;
  failures: { seriesId: number; error: string }[];
}

/**
 * Monitored series: every settings.monitorIntervalMinutes (0 = off) the catalogue is asked for their
 * episodes; new ones are added to the library and every missing episode offered in an allowed language is
 * queued (episodes already queued are left alone by the queue).
 */
export class MonitorService {
  private readonly episodes: EpisodesRepository;
  private readonly series: SeriesRepository;
  private timer: LongTimer | null = null;
  private running: Promise<MonitorReport> | null = null;
  private unsubscribe: (() => void) | null = null;
  /** When the next scheduled check starts; null when the interval is off. */
  nextRunAt: number | null = null;
  /** The last check: when, and what it found (System → Tasks). */
  lastRun: {
    startedAt: number;
    finishedAt: number | null;
    report: MonitorReport | null;
    error: string | null;
  } | null = null;

  constructor(
    private readonly o: {
      db: Db;
      settings: SettingsService;
      catalog: CatalogProvider;
      queue: DownloadQueueService;
      logger: Logger;
      /** Told when a check added episodes to a series (not when it only queued missing ones). */
      onEpisodesFound?: (e: { seriesId: number; count: number }) => void;
    },
  ) {
    this.episodes = new EpisodesRepository(o.db);
    this.series = new SeriesRepository(o.db);
  }

  start(): void {
    this.unsubscribe = this.o.settings.onChange((_next, changed) => {
      if (changed.includes("monitorIntervalMinutes")) this.schedule();
    });
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(): void {
    this.timer?.cancel();
    this.timer = null;
    this.nextRunAt = null;
    const minutes = this.o.settings.get().monitorIntervalMinutes;
    if (minutes <= 0) return;
    this.nextRunAt = Date.now() + minutes * 60_000;
    this.timer = setLongTimeout(
      () => {
        this.checkNow()
          .catch((error) => this.o.logger.error("monitor check failed", { error }))
          .finally(() => this.schedule());
      },
      minutes * 60_000,
      { unref: true },
    );
  }

  /** One check of every monitored series; concurrent callers share the running check. */
  checkNow(signal?: AbortSignal): Promise<MonitorReport> {
    if (this.running) return this.running;
    const run = {
      startedAt: Date.now(),
      finishedAt: null as number | null,
      report: null as MonitorReport | null,
      error: null as string | null,
    };
    this.lastRun = run;
    this.running = this.check(signal)
      .then((report) => {
        run.report = report;
        return report;
      })
      .catch((error: unknown) => {
        run.error = messageOf(error);
        throw error;
      })
      .finally(() => {
        run.finishedAt = Date.now();
        this.running = null;
      });
    return this.running;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  private async check(signal?: AbortSignal): Promise<MonitorReport> {
    const report: MonitorReport = { series: 0, added: 0, queued: 0, failures: [] };
    for (const s of this.series.listMonitored()) {
      report.series++;
      try {
        const slug = slugOf(s.catalogKey);
        const details = await this.o.catalog.getSeries(slug, signal);
        const list = [];
        for (const season of details.seasons)
          list.push(...(await this.o.catalog.getEpisodes(slug, season, signal)));
        const added = this.episodes.storeCatalogEpisodes(s.id, list).length;
        report.added += added;
        if (added > 0) this.o.onEpisodesFound?.({ seriesId: s.id, count: added });
        report.queued += this.o.queue.enqueue({ seriesId: s.id }).queued.length;
      } catch (error) {
        const message = messageOf(error);
        report.failures.push({ seriesId: s.id, error: message });
        this.o.logger.warn("monitored series check failed", { seriesId: s.id, error: message });
      }
    }
    if (report.added || report.queued) this.o.logger.info("monitored series checked", { ...report });
    return report;
  }
}

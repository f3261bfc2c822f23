import type { DomainEvent } from "../../shared/events.ts";
import type { AirDate, StepResult } from "../../shared/loader-messages.ts";
import { type LoadingStatusUpdate, type LoadingStep, statusOfStep } from "../../shared/series-loading.ts";
import type { Db } from "../connection.ts";
import type { EventTransactions } from "../event-log.ts";
import type { SeriesRow } from "../schema/index.ts";
import { EpisodesRepository } from "./episodes-repository.ts";
import { SeriesRepository } from "./series-repository.ts";

const FLAG_OF_STEP = {
  episodes: "episodesLoaded",
  nfo: "nfoLoaded",
  logo: "logoLoaded",
  images: "imagesLoaded",
} as const satisfies Record<LoadingStep, keyof SeriesRow>;

export function loadingViewOf(row: SeriesRow, at = Date.now()): LoadingStatusUpdate {
  return {
    seriesId: row.id,
    status: row.loadingStatus,
    progress: {
      episodes: row.episodesLoaded,
      nfo: row.nfoLoaded,
      logo: row.logoLoaded,
      images: row.imagesLoaded,
    },
    message: row.loadingError,
    timestamp: at,
  };
}

/** Steps whose flag is not set, in loading order. */
export function missingSteps(row: SeriesRow): LoadingStep[] {
  return (Object.keys(FLAG_OF_STEP) as LoadingStep[]).filter((step) => !row[FLAG_OF_STEP[step]]);
}

/** One result of a series' loading, as the loader service passes it on (see LoadingRepository.apply). */
export type LoadingResult =
  | { type: "started"; step: LoadingStep }
  | { type: "done"; result: StepResult }
  | { type: "failed"; message: string }
  | { type: "airDates"; dates: readonly AirDate[] }
  /** The job ran all its steps: completed, or failed if a step's flag is still missing. */
  | { type: "finished" };

/**
 * The loader's results, persisted (main thread only) through the series and episodes repositories: each
 * call changes the rows and appends one `series.loadingChanged` event in one transaction; the event is
 * published after the commit. A series deleted meanwhile is left alone (no row, no event) and the method
 * returns null.
 */
export class LoadingRepository {
  private readonly series: SeriesRepository;
  private readonly episodes: EpisodesRepository;

  constructor(
    db: Db,
    private readonly events: EventTransactions,
  ) {
    this.series = new SeriesRepository(db);
    this.episodes = new EpisodesRepository(db);
  }

  get(seriesId: number): SeriesRow | undefined {
    return this.series.findById(seriesId);
  }

  /** The seasons of the series' stored episodes. */
  seasonsOf(seriesId: number): number[] {
    return this.episodes.seasonsOf(seriesId);
  }

  /**
   * Persists results the loader reported for one series, in order, in one transaction with one event: the
   * series' loading state after the last of them. The loader service passes a finished step together with
   * what directly follows it (the next step's start, or the job's end), so every step's start is still
   * published and a step that just finished is shown with its successor.
   */
  apply(seriesId: number, results: readonly LoadingResult[]): SeriesRow | null {
    return this.change(() => {
      let row: SeriesRow | undefined;
      for (const result of results) {
        row = this.applyOne(seriesId, result);
        if (!row) return undefined;
      }
      return row;
    });
  }

  private applyOne(seriesId: number, result: LoadingResult): SeriesRow | undefined {
    const now = Date.now();
    switch (result.type) {
      case "started":
        return this.series.markLoadingStarted(seriesId, statusOfStep(result.step));
      case "done": {
        const step = result.result;
        if (step.step === "episodes") {
          // No row: the series was removed while it loaded, and its episodes are not stored.
          const row = this.series.markEpisodesLoaded(seriesId, step.details, now);
          if (row) this.episodes.storeCatalogEpisodes(seriesId, step.episodes, now);
          return row;
        }
        if (step.step === "logo") return this.series.markLogoLoaded(seriesId, step.unavailable, now);
        return this.series.markMetadataLoaded(
          seriesId,
          step.step,
          step.step === "nfo" ? step : undefined,
          now,
        );
      }
      case "failed":
        return this.series.settleLoading(seriesId, "failed", result.message, null);
      case "airDates":
        this.episodes.setAirDates(seriesId, result.dates);
        return this.series.findById(seriesId);
      case "finished": {
        const row = this.series.findById(seriesId);
        if (!row) return undefined;
        if (missingSteps(row).length > 0)
          return this.series.settleLoading(seriesId, "failed", "loading ended with steps missing", null);
        return this.series.settleLoading(seriesId, "completed", null, now, now);
      }
    }
  }

  /** Back to `pending` (queued again), clearing the flags of steps whose files vanished. */
  requeued(seriesId: number, clearSteps: LoadingStep[] = []): SeriesRow | null {
    const cleared = Object.fromEntries(clearSteps.map((s) => [FLAG_OF_STEP[s], false]));
    return this.change(() =>
      this.series.update(seriesId, {
        ...cleared,
        loadingStatus: "pending",
        loadingError: null,
        loadingCompletedAt: null,
      }),
    );
  }

  private change(update: () => SeriesRow | undefined): SeriesRow | null {
    return this.events.transact((_tx, record) => {
      const row = update();
      if (!row) return null;
      const event: DomainEvent = { type: "series.loadingChanged", ...loadingViewOf(row) };
      record(event);
      return row;
    });
  }
}

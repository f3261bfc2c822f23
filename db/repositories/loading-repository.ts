import type { DomainEvent } from "../../shared/events.ts";
import type { StepResult } from "../../shared/loader-messages.ts";
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

/**
 * The loader's results, persisted (main thread only) through the series and episodes repositories: each
 * method changes the rows and appends its `series.loadingChanged` event in one transaction; the event is
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

  stepStarted(seriesId: number, step: LoadingStep): SeriesRow | null {
    return this.change(() => this.series.markLoadingStarted(seriesId, statusOfStep(step)));
  }

  stepDone(seriesId: number, result: StepResult): SeriesRow | null {
    const now = Date.now();
    return this.change(() => {
      if (result.step === "episodes") {
        // No row: the series was removed while it loaded, and its episodes are not stored.
        const row = this.series.markEpisodesLoaded(seriesId, result.details, now);
        if (row) this.episodes.storeCatalogEpisodes(seriesId, result.episodes, now);
        return row;
      }
      return this.series.markMetadataLoaded(
        seriesId,
        result.step,
        result.step === "nfo" ? result : undefined,
        now,
      );
    });
  }

  failed(seriesId: number, message: string): SeriesRow | null {
    return this.change(() => this.series.settleLoading(seriesId, "failed", message, null));
  }

  completed(seriesId: number): SeriesRow | null {
    const now = Date.now();
    return this.change(() => this.series.settleLoading(seriesId, "completed", null, now, now));
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

import { eq, sql } from "drizzle-orm";
import type { DomainEvent } from "../../shared/events.ts";
import type { EpisodesStepResult, StepResult } from "../../shared/loader-messages.ts";
import {
  type LoadingStatus,
  type LoadingStatusUpdate,
  type LoadingStep,
  statusOfStep,
} from "../../shared/series-loading.ts";
import type { Db } from "../connection.ts";
import type { EventTransactions, Tx } from "../event-log.ts";
import { type SeriesRow, series } from "../schema/index.ts";
import { EpisodesRepository } from "./episodes-repository.ts";

const FLAG_OF_STEP = {
  episodes: "episodesLoaded",
  nfo: "nfoLoaded",
  logo: "logoLoaded",
  images: "imagesLoaded",
} as const satisfies Record<LoadingStep, keyof SeriesRow>;

export function loadingViewOf(row: SeriesRow, at = Date.now()): LoadingStatusUpdate {
  return {
    seriesId: row.id,
    status: row.loadingStatus as LoadingStatus,
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
 * The loader's writes to the series (main thread only). Each method changes the row and appends its
 * `series.loadingChanged` event in one transaction; the event is published after the commit. A series
 * deleted meanwhile is left alone (no row, no event) and the method returns null.
 */
export class LoadingRepository {
  // Several writes per series and step: the frequent ones are prepared once (drizzle builds SQL per call).
  private readonly byId;
  private readonly setStatusStmt;
  private readonly startStmt;
  private readonly flagStmts;
  private readonly episodes: EpisodesRepository;

  constructor(
    db: Db,
    private readonly events: EventTransactions,
  ) {
    // In set(), drizzle takes placeholders only wrapped as SQL.
    const p = (name: string) => sql`${sql.placeholder(name)}`;
    const id = sql.placeholder("id");
    const now = p("now");
    this.byId = db.select().from(series).where(eq(series.id, id)).prepare();
    this.startStmt = db
      .update(series)
      .set({
        loadingStatus: p("status"),
        loadingError: null,
        loadingStartedAt: sql`coalesce(${series.loadingStartedAt}, ${now})`,
        updatedAt: now,
      })
      .where(eq(series.id, id))
      .returning()
      .prepare();
    this.setStatusStmt = db
      .update(series)
      .set({
        loadingStatus: p("status"),
        loadingError: p("error"),
        loadingCompletedAt: p("completedAt"),
        updatedAt: now,
      })
      .where(eq(series.id, id))
      .returning()
      .prepare();
    const flag = (step: "logo" | "images") =>
      db
        .update(series)
        .set({ [FLAG_OF_STEP[step]]: true, updatedAt: now })
        .where(eq(series.id, id))
        .returning()
        .prepare();
    this.flagStmts = { logo: flag("logo"), images: flag("images") };
    this.episodes = new EpisodesRepository(db);
  }

  get(seriesId: number): SeriesRow | undefined {
    return this.byId.get({ id: seriesId });
  }

  stepStarted(seriesId: number, step: LoadingStep): SeriesRow | null {
    return this.change(() =>
      this.startStmt.get({ id: seriesId, status: statusOfStep(step), now: Date.now() }),
    );
  }

  stepDone(seriesId: number, result: StepResult): SeriesRow | null {
    const now = Date.now();
    return this.change((tx) => {
      const flag = { [FLAG_OF_STEP[result.step]]: true, updatedAt: now };
      if (result.step === "episodes") {
        if (!tx.select({ id: series.id }).from(series).where(eq(series.id, seriesId)).get()) return undefined;
        this.episodes.storeCatalogEpisodes(seriesId, result.episodes, now);
        const d = result.details;
        return tx
          .update(series)
          .set({
            ...flag,
            ...(d.title.trim() ? { title: d.title.trim() } : {}),
            year: d.startYear,
            endYear: d.endYear,
            description: d.description,
            coverUrl: d.coverUrl,
            genres: d.genres,
            ...(d.imdbId ? { imdbId: d.imdbId } : {}),
          })
          .where(eq(series.id, seriesId))
          .returning()
          .get();
      }
      if (result.step !== "nfo") return this.flagStmts[result.step].get({ id: seriesId, now });
      const ids =
        result.step === "nfo"
          ? {
              ...(result.tmdbId !== null ? { tmdbId: result.tmdbId } : {}),
              ...(result.imdbId ? { imdbId: result.imdbId } : {}),
            }
          : {};
      return tx
        .update(series)
        .set({ ...flag, ...ids })
        .where(eq(series.id, seriesId))
        .returning()
        .get();
    });
  }

  failed(seriesId: number, message: string): SeriesRow | null {
    return this.change(() =>
      this.setStatusStmt.get({
        id: seriesId,
        status: "failed",
        error: message,
        completedAt: null,
        now: Date.now(),
      }),
    );
  }

  completed(seriesId: number): SeriesRow | null {
    const now = Date.now();
    return this.change(() =>
      this.setStatusStmt.get({ id: seriesId, status: "completed", error: null, completedAt: now, now }),
    );
  }

  /** Back to `pending` (queued again), clearing the flags of steps whose files vanished. */
  requeued(seriesId: number, clearSteps: LoadingStep[] = []): SeriesRow | null {
    const cleared = Object.fromEntries(clearSteps.map((s) => [FLAG_OF_STEP[s], false]));
    return this.setStatus(seriesId, "pending", { ...cleared, loadingError: null, loadingCompletedAt: null });
  }

  private setStatus(seriesId: number, status: LoadingStatus, extra: Partial<SeriesRow>): SeriesRow | null {
    return this.change((tx) =>
      tx
        .update(series)
        .set({ ...extra, loadingStatus: status, updatedAt: Date.now() })
        .where(eq(series.id, seriesId))
        .returning()
        .get(),
    );
  }

  private change(update: (tx: Tx) => SeriesRow | undefined): SeriesRow | null {
    return this.events.transact((tx, record) => {
      const row = update(tx);
      if (!row) return null;
      const event: DomainEvent = { type: "series.loadingChanged", ...loadingViewOf(row) };
      record(event);
      return row;
    });
  }
}

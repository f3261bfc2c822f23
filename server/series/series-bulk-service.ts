import type { Db } from "../../db/connection.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { SeriesRow } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import type { Language } from "../../shared/languages.ts";
import type { EventsService } from "../events/events-service.ts";
import type { SeriesWriteService } from "./series-write-service.ts";

/**
 * Changes to many series at once (the library page's bulk actions). Every id must exist, or nothing is
 * changed and the answer names the unknown ones. Monitoring and languages are one UPDATE and a
 * `series.changed` event per series, in one transaction. Loading again and removal go series by series through
 * SeriesWriteService.remove: each one stops its loader and may delete its folder, which no transaction
 * could roll back anyway.
 */
export class SeriesBulkService {
  private readonly series: SeriesRepository;

  constructor(
    db: Db,
    private readonly events: EventsService,
    private readonly write: SeriesWriteService,
  ) {
    this.series = new SeriesRepository(db);
  }

  setMonitored(ids: readonly number[], monitored: boolean): { updated: number } {
    return this.changed(ids, { monitored });
  }

  /** null = follow the global language setting again. */
  setLanguages(ids: readonly number[], languages: readonly Language[] | null): { updated: number } {
    return this.changed(ids, { languages: languages ? [...languages] : null });
  }

  /**
   * SeriesWriteService.retryLoading for each: unfinished series resume, completed ones read their episode
   * lists from the catalogue again. Each is queued on its own (the loader works through them in order).
   */
  async retryLoading(ids: readonly number[]): Promise<{ queued: number }> {
    this.requireAll(ids);
    return { queued: (await eachStillThere(ids, (id) => this.write.retryLoading(id))).length };
  }

  async remove(ids: readonly number[], deleteFiles: boolean): Promise<{ removed: number[] }> {
    this.requireAll(ids);
    return { removed: await eachStillThere(ids, (id) => this.write.remove(id, deleteFiles)) };
  }

  private changed(
    ids: readonly number[],
    patch: Pick<Partial<SeriesRow>, "monitored" | "languages">,
  ): { updated: number } {
    return this.events.transact((_tx, record) => {
      this.requireAll(ids);
      const updated = this.series.updateMany(ids, patch);
      const timestamp = Date.now();
      for (const seriesId of ids)
        record({ type: "series.changed", seriesId, changed: Object.keys(patch), timestamp });
      return { updated };
    });
  }

  private requireAll(ids: readonly number[]): void {
    const found = this.series.existingIds(ids);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length)
      throw new AppError("NOT_FOUND", `no series with id ${unknown.slice(0, 10).join(", ")}`);
  }
}

/**
 * Does `work` for each id in order; returns the ids it was done for. A series removed meanwhile (another
 * tab) is skipped: it is gone either way.
 */
async function eachStillThere(ids: readonly number[], work: (id: number) => unknown): Promise<number[]> {
  const done: number[] = [];
  for (const id of ids) {
    try {
      await work(id);
      done.push(id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    }
  }
  return done;
}

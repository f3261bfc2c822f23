import type { Database, Statement } from "bun:sqlite";
import { AppError } from "../../shared/errors.ts";
import type { Language } from "../../shared/languages.ts";
import type { SeriesWriteService } from "./series-write-service.ts";

/**
 * Changes to many series at once (the library page's bulk actions). Every id must exist, or nothing is
 * changed and the answer names the unknown ones. Monitoring and languages are one UPDATE in one
 * transaction. Removal goes series by series through SeriesWriteService.remove: each one stops its loader
 * and may delete its folder, which no transaction could roll back anyway.
 */
export class SeriesBulkService {
  private readonly existing: Statement<{ id: number }, [string]>;
  private readonly monitored: Statement<unknown, [number, number, string]>;
  private readonly languages: Statement<unknown, [string | null, number, string]>;

  constructor(
    private readonly sqlite: Database,
    private readonly write: SeriesWriteService,
  ) {
    this.existing = sqlite.prepare("SELECT id FROM series WHERE id IN (SELECT value FROM json_each(?))");
    this.monitored = sqlite.prepare(
      "UPDATE series SET monitored = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))",
    );
    this.languages = sqlite.prepare(
      "UPDATE series SET languages = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))",
    );
  }

  setMonitored(ids: readonly number[], monitored: boolean): { updated: number } {
    return this.update(ids, () => this.monitored.run(monitored ? 1 : 0, Date.now(), JSON.stringify(ids)));
  }

  /** null = follow the global language setting again. */
  setLanguages(ids: readonly number[], languages: readonly Language[] | null): { updated: number } {
    const value = languages ? JSON.stringify(languages) : null;
    return this.update(ids, () => this.languages.run(value, Date.now(), JSON.stringify(ids)));
  }

  async remove(ids: readonly number[], deleteFiles: boolean): Promise<{ removed: number[] }> {
    this.requireAll(ids);
    const removed: number[] = [];
    for (const id of ids) {
      try {
        await this.write.remove(id, deleteFiles);
        removed.push(id);
      } catch (error) {
        // Removed meanwhile (another tab): that one is gone either way.
        if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
      }
    }
    return { removed };
  }

  private update(ids: readonly number[], run: () => { changes: number }): { updated: number } {
    return this.sqlite.transaction(() => {
      this.requireAll(ids);
      return { updated: run().changes };
    })();
  }

  private requireAll(ids: readonly number[]): void {
    const found = new Set(this.existing.all(JSON.stringify(ids)).map((r) => r.id));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length)
      throw new AppError("NOT_FOUND", `no series with id ${unknown.slice(0, 10).join(", ")}`);
  }
}

import { type DbHandle, openDatabase } from "../../db/connection.ts";
import type { SeriesSummary } from "../../db/repositories/series-repository.ts";
import { EventsService } from "../../server/events/events-service.ts";
import { LibraryScanService } from "../../server/library/library-scan-service.ts";
import { createLogger } from "../../server/logger.ts";
import { SeriesQueryService } from "../../server/series/series-query-service.ts";
import { SettingsService } from "../../server/settings/settings-service.ts";
import { MAX_WINDOW } from "../../shared/series-list.ts";

/** The library services on a real SQLite file in `dataDir`, without the HTTP server. */
export function libraryServices(dataDir: string, libraryRoot: string) {
  const db: DbHandle = openDatabase(dataDir);
  const settings = new SettingsService(db.db);
  const logger = createLogger({ level: "error", json: true, write: () => {} });
  const events = new EventsService(db.db);
  const scans = new LibraryScanService(db.db, libraryRoot, settings, logger, events);
  const queries = new SeriesQueryService(db.db, settings);
  return {
    db,
    settings,
    events,
    scans,
    queries,
    async scan(target: Parameters<LibraryScanService["requestScan"]>[0] = {}) {
      const job = scans.requestScan(target);
      return scans.waitFor(job.jobId);
    },
    close() {
      scans.close();
      db.close();
    },
  };
}

/** Every series through series.list's windows (tests of small libraries that look at all of them). */
export function allSeries(queries: SeriesQueryService): SeriesSummary[] {
  const out: SeriesSummary[] = [];
  for (let offset = 0; ; offset += MAX_WINDOW) {
    const page = queries.list({ search: "", filter: "all", sort: "title", offset, limit: MAX_WINDOW });
    out.push(...page.rows);
    if (offset + MAX_WINDOW >= page.total) return out;
  }
}

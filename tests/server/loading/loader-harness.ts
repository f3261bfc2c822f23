import { join } from "node:path";
import { type DbHandle, openDatabase } from "../../../db/connection.ts";
import { resolveConfig } from "../../../server/cli/args.ts";
import { EventsService } from "../../../server/events/events-service.ts";
import { LoaderService } from "../../../server/loading/loader-service.ts";
import { createLogger } from "../../../server/logger.ts";
import { SeriesWriteService } from "../../../server/series/series-write-service.ts";
import { SettingsService } from "../../../server/settings/settings-service.ts";
import { isSeriesLoadingEvent } from "../../../shared/events.ts";
import type { LoadingStatusUpdate } from "../../../shared/series-loading.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { waitFor } from "../../helpers/test-server.ts";

export const TRIVIAL_WORKER = new URL("./fixtures/trivial-providers.worker.ts", import.meta.url);

/** The loader's real main-thread parts on a real SQLite file, with a worker using trivial providers. */
export function startLoader(options: { dir?: string; concurrency?: number; attempts?: number } = {}) {
  const tmp = options.dir ? null : tempDir();
  const dir = options.dir ?? tmp!.path;
  const config = resolveConfig(new Map(), {
    ANIWORLD_DATA_DIR: join(dir, "data"),
    ANIWORLD_LIBRARY: join(dir, "library"),
  });
  const db: DbHandle = openDatabase(config.dataDir);
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", json: true, write: (l) => logs.push(l) });
  const settings = new SettingsService(db.db);
  if (options.concurrency) settings.update({ loaderConcurrency: options.concurrency });
  const events = new EventsService(db.db);
  const updates: LoadingStatusUpdate[] = [];
  events.subscribe((s) => {
    if (isSeriesLoadingEvent(s.event)) updates.push(s.event);
  });
  const loader = new LoaderService({
    db: db.db,
    events,
    settings,
    config,
    logger,
    workerUrl: TRIVIAL_WORKER,
    retry: { attempts: options.attempts ?? 3, baseMs: 5 },
  });
  const series = new SeriesWriteService(db.db, events, loader, config.library, logger);
  loader.start();
  const statusOf = (id: number) => loader.repository.get(id)?.loadingStatus;
  return {
    dir,
    config,
    db,
    logs,
    settings,
    events,
    loader,
    series,
    updates,
    statusOf,
    statusesOf: (id: number) => updates.filter((u) => u.seriesId === id).map((u) => u.status),
    waitStatus: (id: number, status: string, what = `series ${id} ${status}`) =>
      waitFor(() => statusOf(id) === status, what, 15_000),
    async close(keep = false) {
      await loader.stop();
      db.close();
      if (!keep) tmp?.cleanup();
    },
  };
}

/**
 * The composition root: builds every service from the configuration, wires them together, starts the
 * HTTP server, and tears everything down in order on shutdown. Nothing else constructs services.
 */
import { mkdirSync } from "node:fs";
import { openDatabase, SERVER_BUSY_TIMEOUT_MS } from "../db/connection.ts";
import { SeriesRepository } from "../db/repositories/series-repository.ts";
import { createAuthModule } from "./auth/auth-module.ts";
import { type Clock, systemClock } from "./auth/clock.ts";
import { BackupService } from "./backups/backup-service.ts";
import { tryLockDataDir } from "./backups/data-dir-lock.ts";
import { CatalogService } from "./catalog/catalog-service.ts";
import type { Config } from "./config.ts";
import { ConnectionEvents } from "./connections/connection-events.ts";
import { ConnectionService } from "./connections/connection-service.ts";
import { ActivityService } from "./downloads/activity-service.ts";
import { DownloadQueueService } from "./downloads/download-queue-service.ts";
import { DownloadWhenLoaded } from "./downloads/download-when-loaded.ts";
import { metadataFinisher } from "./downloads/episode-finisher.ts";
import { MonitorService } from "./downloads/monitor-service.ts";
import { EventsService } from "./events/events-service.ts";
import { createApp } from "./http/app.ts";
import { listen, type RunningServer } from "./http/server.ts";
import { recordServerUrl } from "./http/server-url-file.ts";
import { SocketRegistry } from "./http/socket-registry.ts";
import type { SpaSource } from "./http/spa.ts";
import type { RetryPolicy } from "./lib/retry.ts";
import type { Sleep } from "./lib/sleep.ts";
import { LibraryScanService } from "./library/library-scan-service.ts";
import { OrganizeService } from "./library/organize-service.ts";
import { ScanScheduler } from "./library/scan-scheduler.ts";
import { LoaderService } from "./loading/loader-service.ts";
import { LoadingStatusService } from "./loading/loading-status-service.ts";
import { createLogger, type Logger, RecentLines } from "./logger.ts";
import { ArtworkService } from "./series/artwork-service.ts";
import { SeriesBulkService } from "./series/series-bulk-service.ts";
import { SeriesQueryService } from "./series/series-query-service.ts";
import { SeriesWriteService } from "./series/series-write-service.ts";
import { SettingsService } from "./settings/settings-service.ts";
import { DiagnosticsService } from "./system/diagnostics-service.ts";
import { HealthWatch } from "./system/health-watch.ts";
import { TasksService } from "./system/tasks-service.ts";
import type { Services } from "./trpc/services.ts";
import { APP_VERSION } from "./version.ts";

export interface Application {
  services: Services;
  server: RunningServer;
  /** Resolves once the background work (workers, backfill, startup scan, setup token) has begun. */
  ready: Promise<void>;
  shutdown(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  spa: SpaSource;
  logger?: Logger;
  /** Time source for expiry and throttling; tests inject one to move time. */
  clock?: Clock;
  /** Delivery retries, their waits and the media-server batching window; tests shorten them. */
  connections?: { retry?: RetryPolicy; sleep?: Sleep; refreshQuietMs?: number };
  /** How often the local health checks run; tests shorten it. */
  healthIntervalMs?: number;
  /** The backup schedule in ms instead of the setting's hours, and the wait for the first; tests shorten them. */
  backups?: { intervalMs?: number; firstDelayMs?: number };
}

export async function startApplication(options: StartOptions): Promise<Application> {
  const { config } = options;
  const recentLogs = new RecentLines(300);
  const logger = options.logger ?? createLogger({ level: config.logLevel, recent: recentLogs });
  mkdirSync(config.library, { recursive: true });
  const lock = tryLockDataDir(config.dataDir);
  if (!lock) throw new Error(`another Aniworld server is running on ${config.dataDir}`);
  // Until it listens, a lock another program holds is waited for (the default timeout); once serving, the
  // main thread waits SERVER_BUSY_TIMEOUT_MS at most (see there).
  const db = openDatabase(config.dataDir);
  const settingsService = new SettingsService(db.db);
  const auth = createAuthModule({ db: db.db, clock: options.clock ?? systemClock, config, logger });
  const events = new EventsService(db.db, (error) => logger.error("event listener failed", { error }));
  // Settings sit on a low floor (everything reads them): their change reaches the event log from here.
  settingsService.onChange((_next, changed) => {
    events.emit({ type: "settings.changed", seriesId: null, changed: [...changed] });
  });
  const catalog = new CatalogService(config, settingsService, logger);
  const loader = new LoaderService({
    db: db.db,
    events,
    settings: settingsService,
    config,
    logger,
    limiter: catalog.limiter,
  });
  const downloads = new DownloadQueueService({
    db: db.db,
    settings: settingsService,
    catalog: catalog.provider,
    http: catalog.http,
    libraryRoot: config.library,
    logger,
    finisher: metadataFinisher(config, settingsService, catalog.http),
    events,
    // Called only once the server runs, when libraryScans exists.
    requestScan: () => libraryScans.waitFor(libraryScans.requestScan().jobId),
  });
  const monitor = new MonitorService({
    db: db.db,
    settings: settingsService,
    catalog: catalog.provider,
    queue: downloads,
    logger,
    onEpisodesFound: (e) => events.emit({ type: "episodes.found", ...e, timestamp: Date.now() }),
  });
  const connections = new ConnectionService({
    db: db.db,
    logger,
    ...(options.connections?.retry ? { retry: options.connections.retry } : {}),
    ...(options.connections?.sleep ? { sleep: options.connections.sleep } : {}),
  });
  const seriesRepo = new SeriesRepository(db.db);
  const connectionEvents = new ConnectionEvents({
    events,
    connections,
    libraryRoot: config.library,
    findSeries: (id) => seriesRepo.findById(id),
    seriesBusy: (id) => downloads.repo.activeForSeries(id) > 0,
    logger,
    ...(options.connections?.refreshQuietMs === undefined
      ? {}
      : { refreshQuietMs: options.connections.refreshQuietMs }),
  });
  const backups = new BackupService({
    sqlite: db.sqlite,
    dataDir: config.dataDir,
    settings: settingsService,
    logger,
    ...options.backups,
  });
  const diagnostics = new DiagnosticsService({
    config,
    db,
    settings: settingsService,
    catalog,
    downloads,
    onResults: (results) => health.observe(results),
  });
  const health = new HealthWatch({
    events,
    localChecks: () => diagnostics.localChecks(),
    logger,
    ...(options.healthIntervalMs === undefined ? {} : { intervalMs: options.healthIntervalMs }),
  });
  const downloadWhenLoaded = new DownloadWhenLoaded({ events, queue: downloads, logger });
  const seriesWrite = new SeriesWriteService(
    db.db,
    events,
    loader,
    config.library,
    logger,
    {
      folderTemplate: () => settingsService.get().folderTemplate,
      seenTitle: (key) => catalog.seenTitle(key),
      downloadMissingWhenLoaded: (id) => downloadWhenLoaded.request(id),
    },
    downloads,
  );
  const libraryScans = new LibraryScanService(db.db, config.library, settingsService, logger, events);
  const scanScheduler = new ScanScheduler(libraryScans, settingsService, logger);
  const services: Services = {
    config,
    db,
    logger,
    recentLogs,
    startedAt: Date.now(),
    settings: settingsService,
    catalog,
    ...auth.services,
    downloads,
    activity: new ActivityService(db.db, settingsService),
    monitor,
    libraryScans,
    organize: new OrganizeService({
      db: db.db,
      events,
      settings: settingsService,
      libraryRoot: config.library,
      logger,
      isBusy: (id) => loader.isBusy(id),
      holdDownloads: (id, work) => downloads.holdSeries(id, work),
    }),
    tasks: new TasksService({
      scans: libraryScans,
      scanScheduler,
      monitor,
      backups,
      settings: settingsService,
      logger,
    }),
    seriesQueries: new SeriesQueryService(db.db, settingsService),
    events,
    loader,
    seriesWrite,
    seriesBulk: new SeriesBulkService(db.db, events, seriesWrite),
    loadingStatus: new LoadingStatusService(db.db, events),
    artwork: new ArtworkService(db.db, config.library),
    connections,
    backups,
    diagnostics,
  };
  const sockets = new SocketRegistry();
  auth.attachSockets(sockets);
  const app = createApp({ services, spa: options.spa, sockets, authenticate: auth.authenticate });
  db.setBusyTimeout(SERVER_BUSY_TIMEOUT_MS);
  let server: RunningServer;
  try {
    server = listen({ app, host: config.host, port: config.port, sockets, logger });
  } catch (error) {
    db.close();
    lock.release();
    throw error;
  }
  logger.info("aniworld started", {
    version: APP_VERSION,
    url: server.url,
    dataDir: config.dataDir,
    library: config.library,
  });
  // Before anything can emit: deliveries follow every event from the first one.
  connectionEvents.start();
  // Listen first: the deliveries the last run left, the setup token, the workers, the backfill (which reads
  // every incomplete series and its folder) and the startup scan begin after the server listens, each on a
  // turn of its own, so a request that arrives meanwhile waits for one step at most, never for all of them.
  // `ready` tells when all began.
  const ready = inTurnsOfTheirOwn([
    () => {
      if (db.created) db.makeDurable();
    },
    () => connectionEvents.resume(),
    () => auth.announceSetup(server.url),
    () => {
      try {
        recordServerUrl(config.dataDir, server.url);
      } catch (error) {
        logger.warn("could not note the server URL in the data dir", { error });
      }
    },
    () => downloads.start(),
    () => monitor.start(),
    () => downloadWhenLoaded.start(),
    () => backups.start(),
    () => health.start(),
    () => scanScheduler.start(),
    () => loader.start(),
    () => {
      loader.backfill().catch((error: unknown) => logger.error("loader backfill failed", { error }));
    },
    // The API's code, which app.ts imports on the first /trpc request, is loaded while nothing waits for it.
    () => {
      import("./http/api-route.ts").catch((error: unknown) => logger.error("API failed to load", { error }));
    },
  ]);

  let stopping: Promise<void> | null = null;
  return {
    services,
    server,
    ready,
    shutdown() {
      stopping ??= (async () => {
        logger.info("shutting down");
        await ready;
        auth.stop();
        monitor.stop();
        downloadWhenLoaded.stop();
        await server.stop();
        // Transfers stop where they are; the next start resumes them from their .part files.
        await downloads.stop();
        scanScheduler.stop();
        services.libraryScans.close();
        await loader.stop();
        backups.stop();
        await health.stop();
        // Refreshes still waiting for their batch and deliveries still retrying stay stored for the next start.
        connectionEvents.stop();
        await connections.stop();
        catalog.http.net.close();
        db.close();
        lock.release();
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}

/** Runs each step in a macrotask of its own (requests waiting on the socket are served in between). */
async function inTurnsOfTheirOwn(steps: readonly (() => void)[]): Promise<void> {
  for (const step of steps) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    step();
  }
}

import type { DbHandle } from "../../db/connection.ts";
import type { ApiKeyService } from "../auth/api-key-service.ts";
import type { AuthService } from "../auth/auth-service.ts";
import type { SessionService } from "../auth/session-service.ts";
import type { BackupService } from "../backups/backup-service.ts";
import type { CatalogService } from "../catalog/catalog-service.ts";
import type { Config } from "../config.ts";
import type { ConnectionService } from "../connections/connection-service.ts";
import type { ActivityService } from "../downloads/activity-service.ts";
import type { DownloadQueueService } from "../downloads/download-queue-service.ts";
import type { MonitorService } from "../downloads/monitor-service.ts";
import type { EventsService } from "../events/events-service.ts";
import type { LibraryScanService } from "../library/library-scan-service.ts";
import type { OrganizeService } from "../library/organize-service.ts";
import type { LoaderService } from "../loading/loader-service.ts";
import type { LoadingStatusService } from "../loading/loading-status-service.ts";
import type { Logger, RecentLines } from "../logger.ts";
import type { ArtworkService } from "../series/artwork-service.ts";
import type { SeriesBulkService } from "../series/series-bulk-service.ts";
import type { SeriesQueryService } from "../series/series-query-service.ts";
import type { SeriesWriteService } from "../series/series-write-service.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import type { DiagnosticsService } from "../system/diagnostics-service.ts";
import type { TasksService } from "../system/tasks-service.ts";

/**
 * Everything a request handler may reach, built once by the composition root (server/composition.ts).
 * Each capability adds its service here; routers receive it through the tRPC context.
 */
export interface Services {
  config: Config;
  db: DbHandle;
  logger: Logger;
  recentLogs: RecentLines;
  startedAt: number;
  settings: SettingsService;
  auth: AuthService;
  sessions: SessionService;
  apiKeys: ApiKeyService;
  catalog: CatalogService;
  downloads: DownloadQueueService;
  activity: ActivityService;
  monitor: MonitorService;
  libraryScans: LibraryScanService;
  tasks: TasksService;
  organize: OrganizeService;
  seriesQueries: SeriesQueryService;
  events: EventsService;
  loader: LoaderService;
  seriesWrite: SeriesWriteService;
  seriesBulk: SeriesBulkService;
  loadingStatus: LoadingStatusService;
  artwork: ArtworkService;
  connections: ConnectionService;
  backups: BackupService;
  diagnostics: DiagnosticsService;
}

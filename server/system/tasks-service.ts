import type { TaskInfo, TaskName } from "../../shared/system.ts";
import type { BackupService } from "../backups/backup-service.ts";
import type { MonitorService } from "../downloads/monitor-service.ts";
import type { LibraryScanService } from "../library/library-scan-service.ts";
import type { ScanScheduler } from "../library/scan-scheduler.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";

/** The scheduled jobs in one list (System → Tasks): last run, next run, and "run now". */
export class TasksService {
  constructor(
    private readonly o: {
      scans: LibraryScanService;
      scanScheduler: ScanScheduler;
      monitor: MonitorService;
      backups: BackupService;
      settings: SettingsService;
      logger: Logger;
    },
  ) {}

  list(): TaskInfo[] {
    const s = this.o.settings.get();
    const job = this.o.scans.latestJob();
    const monitorRun = this.o.monitor.lastRun;
    const lastBackup = this.o.backups.lastRun();
    return [
      {
        name: "scan",
        label: "Library scan",
        intervalMinutes: s.scanIntervalMinutes,
        running: job?.state === "queued" || job?.state === "running",
        lastRun: job
          ? {
              startedAt: job.startedAt ?? job.queuedAt,
              finishedAt: job.finishedAt,
              ok: job.state !== "failed",
              summary:
                job.error ??
                `${job.kind === "full" ? "whole library" : "one series"}: ${job.done} of ${job.total} folders`,
            }
          : null,
        nextRunAt: this.o.scanScheduler.nextRunAt,
      },
      {
        name: "monitor",
        label: "Monitored series check",
        intervalMinutes: s.monitorIntervalMinutes,
        running: this.o.monitor.isRunning,
        lastRun: monitorRun
          ? {
              startedAt: monitorRun.startedAt,
              finishedAt: monitorRun.finishedAt,
              ok: monitorRun.error === null && (monitorRun.report?.failures.length ?? 0) === 0,
              summary: monitorRun.error
                ? monitorRun.error
                : monitorRun.report
                  ? `${monitorRun.report.series} series checked, ${monitorRun.report.added} new episodes, ${monitorRun.report.queued} queued, ${monitorRun.report.failures.length} failed`
                  : "running…",
            }
          : null,
        nextRunAt: this.o.monitor.nextRunAt,
      },
      {
        name: "backup",
        label: "Database backup",
        intervalMinutes: s.backupIntervalHours * 60,
        // A backup is one synchronous SQLite call: it is never seen running.
        running: false,
        lastRun: lastBackup
          ? {
              startedAt: lastBackup.at,
              finishedAt: lastBackup.at,
              ok: lastBackup.ok,
              summary: lastBackup.summary,
            }
          : null,
        nextRunAt: this.o.backups.nextDueAt(),
      },
    ];
  }

  /** Starts a task now (scan and check in the background; a backup at once, its failure thrown). */
  run(name: TaskName): void {
    if (name === "scan") this.o.scans.requestScan();
    else if (name === "backup") this.o.backups.backupNow();
    else
      this.o.monitor
        .checkNow()
        .catch((error: unknown) => this.o.logger.error("monitor check failed", { error }));
  }
}

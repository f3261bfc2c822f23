import type { Database } from "bun:sqlite";
import { AppError } from "../../shared/errors.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { type BackupFile, listBackups, writeBackup } from "./backup-files.ts";

/** The longest single timer: long intervals are waited out in steps (setTimeout overflows past ~24.8 days). */
const MAX_TIMER_MS = 60 * 60_000;
/** With no backup yet, the first one waits this long, away from the busy minutes of a start. */
const FIRST_BACKUP_DELAY_MS = 5 * 60_000;

/**
 * Database backups: "back up now" and a schedule (settings.backupIntervalHours, keeping backupKeep). The
 * schedule counts from the newest backup on disk, so a restart neither skips nor repeats one.
 */
export class BackupService {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly startedAt = Date.now();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly o: { sqlite: Database; dataDir: string; settings: SettingsService; logger: Logger },
  ) {}

  list(): BackupFile[] {
    return listBackups(this.o.dataDir);
  }

  backupNow(): BackupFile {
    try {
      const file = writeBackup(this.o.sqlite, this.o.dataDir, this.o.settings.get().backupKeep);
      this.o.logger.info("database backed up", { file: file.path, bytes: file.size });
      return file;
    } catch (error) {
      this.o.logger.error("database backup failed", { error });
      throw new AppError(
        "INTERNAL",
        `the backup failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  start(): void {
    this.unsubscribe = this.o.settings.onChange((_next, changed) => {
      if (changed.includes("backupIntervalHours")) this.schedule();
    });
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** When the next scheduled backup is due (ms since the epoch), or null when backups are off. */
  nextDueAt(now = Date.now()): number | null {
    const hours = this.o.settings.get().backupIntervalHours;
    if (hours <= 0) return null;
    const last = this.list()[0]?.at;
    return Math.max(
      now,
      last === undefined ? this.startedAt + FIRST_BACKUP_DELAY_MS : last + hours * 3_600_000,
    );
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.nextDueAt();
    if (due === null) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, due - Date.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      if ((this.nextDueAt() ?? Number.POSITIVE_INFINITY) <= Date.now()) {
        try {
          this.backupNow();
        } catch {
          // Logged by backupNow; try again after one timer step rather than at once.
          this.timer = setTimeout(() => this.schedule(), MAX_TIMER_MS);
          this.timer.unref?.();
          return;
        }
      }
      this.schedule();
    }, wait);
    this.timer.unref?.();
  }
}

import type { Database } from "bun:sqlite";
import { AppError } from "../../shared/errors.ts";
import { messageOf } from "../lib/error-message.ts";
import { type LongTimer, setLongTimeout } from "../lib/long-timer.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { type BackupFile, listBackups, writeBackup } from "./backup-files.ts";

/** After a failed backup, the next try waits this long rather than repeating at once. */
const RETRY_AFTER_FAILURE_MS = 60 * 60_000;
/** With no backup yet, the first one waits this long, away from the busy minutes of a start. */
const FIRST_BACKUP_DELAY_MS = 5 * 60_000;

/**
 * Database backups: "back up now" and a schedule (settings.backupIntervalHours, keeping backupKeep). The
 * schedule counts from the newest backup on disk, so a restart neither skips nor repeats one.
 */
export class BackupService {
  private timer: LongTimer | null = null;
  private readonly startedAt = Date.now();
  private unsubscribe: (() => void) | null = null;
  /** The last failed backup of this run (a success is a file on disk and needs no note). */
  private lastFailure: { at: number; error: string } | null = null;

  constructor(
    private readonly o: {
      sqlite: Database;
      dataDir: string;
      settings: SettingsService;
      logger: Logger;
      /** Replaces the setting's hours when set (tests); 0 in the setting still means off. */
      intervalMs?: number;
      /** The wait for the first backup when there is none yet. */
      firstDelayMs?: number;
    },
  ) {}

  list(): BackupFile[] {
    return listBackups(this.o.dataDir);
  }

  backupNow(): BackupFile {
    try {
      const file = writeBackup(this.o.sqlite, this.o.dataDir, this.o.settings.get().backupKeep);
      this.o.logger.info("database backed up", { file: file.path, bytes: file.size });
      this.lastFailure = null;
      return file;
    } catch (error) {
      this.o.logger.error("database backup failed", { error });
      const message = `the backup failed: ${messageOf(error)}`;
      this.lastFailure = { at: Date.now(), error: message };
      throw new AppError("INTERNAL", message);
    }
  }

  /**
   * The last backup: a failure of this run when it is newer than the newest backup on disk, else that
   * backup (by hand, scheduled, or `aniworld backup`), else null.
   */
  lastRun(): { at: number; ok: boolean; summary: string } | null {
    const newest = this.list()[0];
    if (this.lastFailure && (!newest || this.lastFailure.at > newest.at))
      return { at: this.lastFailure.at, ok: false, summary: this.lastFailure.error };
    return newest
      ? { at: newest.at, ok: true, summary: `${newest.name} (${Math.ceil(newest.size / 1024)} KiB)` }
      : null;
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
    this.timer?.cancel();
    this.timer = null;
  }

  /** When the next scheduled backup is due (ms since the epoch), or null when backups are off. */
  nextDueAt(now = Date.now()): number | null {
    const hours = this.o.settings.get().backupIntervalHours;
    if (hours <= 0) return null;
    const last = this.list()[0]?.at;
    return Math.max(
      now,
      last === undefined
        ? this.startedAt + (this.o.firstDelayMs ?? FIRST_BACKUP_DELAY_MS)
        : last + (this.o.intervalMs ?? hours * 3_600_000),
    );
  }

  /**
   * Waits (any length: lib/long-timer) until the next backup is due, then checks again against the backups
   * on disk, so one taken meanwhile by hand or by `aniworld backup` moves the schedule instead of doubling.
   */
  private schedule(): void {
    this.timer?.cancel();
    this.timer = null;
    const due = this.nextDueAt();
    if (due === null) return;
    const run = () => {
      this.timer = null;
      if ((this.nextDueAt() ?? Number.POSITIVE_INFINITY) > Date.now()) return this.schedule();
      try {
        this.backupNow();
      } catch {
        // Logged by backupNow.
        this.timer = setLongTimeout(() => this.schedule(), RETRY_AFTER_FAILURE_MS, { unref: true });
        return;
      }
      this.schedule();
    };
    this.timer = setLongTimeout(run, due - Date.now(), { unref: true });
  }
}

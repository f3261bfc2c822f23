import { type LongTimer, setLongInterval } from "../lib/long-timer.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import type { LibraryScanService } from "./library-scan-service.ts";

/**
 * Starts library scans on start (settings.scanOnStart) and every settings.scanIntervalMinutes (0 = off);
 * follows changes of the interval without a restart.
 */
export class ScanScheduler {
  private timer: LongTimer | null = null;
  private offSettings: (() => void) | null = null;
  /** When the next scheduled scan starts; null when the interval is off. */
  nextRunAt: number | null = null;

  constructor(
    private readonly scans: LibraryScanService,
    private readonly settings: SettingsService,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.settings.get().scanOnStart) this.trigger("start");
    this.schedule();
    this.offSettings = this.settings.onChange((_next, changed) => {
      if (changed.includes("scanIntervalMinutes")) this.schedule();
    });
  }

  stop(): void {
    this.offSettings?.();
    this.offSettings = null;
    this.timer?.cancel();
    this.timer = null;
    this.nextRunAt = null;
  }

  private schedule(): void {
    this.timer?.cancel();
    this.timer = null;
    this.nextRunAt = null;
    const minutes = this.settings.get().scanIntervalMinutes;
    if (minutes <= 0) return;
    this.nextRunAt = Date.now() + minutes * 60_000;
    this.timer = setLongInterval(() => {
      this.nextRunAt = Date.now() + minutes * 60_000;
      this.trigger("schedule");
    }, minutes * 60_000);
  }

  private trigger(reason: string): void {
    try {
      const job = this.scans.requestScan();
      this.logger.debug("library scan queued", { reason, jobId: job.jobId });
    } catch (error) {
      this.logger.warn("library scan not queued", { reason, error: String(error) });
    }
  }
}

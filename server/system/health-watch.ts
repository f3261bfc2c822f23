import type { CheckResult, CheckStatus } from "../../shared/diagnostics.ts";
import type { HealthChanged } from "../../shared/events.ts";
import type { EventsService } from "../events/events-service.ts";
import { type LongTimer, setLongInterval } from "../lib/long-timer.ts";
import type { Logger } from "../logger.ts";

/** Five minutes: the local checks cost a statfs and a few queries. */
const DEFAULT_HEALTH_INTERVAL_MS = 5 * 60_000;
/** The schedule never runs faster than this, whatever it is given. */
const MIN_HEALTH_INTERVAL_MS = 50;
const MAX_HEALTH_INTERVAL_MS = 24 * 60 * 60_000;

export interface HealthWatchOptions {
  events: EventsService;
  /** The cheap checks run on the schedule (no outbound requests). */
  localChecks: () => Promise<CheckResult[]>;
  logger: Logger;
  intervalMs?: number;
}

/**
 * Turns check results into `health.changed` events: each time a check's status differs from the one last
 * recorded for it. The last status per check is read back from the event log at start, so a problem that
 * began before a restart is not announced twice and one that ended meanwhile is announced as resolved.
 * A check never recorded counts as "ok". Results come from the schedule (local checks) and from every
 * on-demand run (System → Health), which also covers the network checks.
 */
export class HealthWatch {
  private readonly last = new Map<string, CheckStatus>();
  private timer: LongTimer | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: HealthWatchOptions) {
    for (const { event } of o.events.log.replay(0, ["health.changed"], undefined, Number.MAX_SAFE_INTEGER))
      if (event.type === "health.changed") this.last.set(event.check, event.to);
  }

  start(): void {
    const ms = Math.min(
      Math.max(this.o.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS, MIN_HEALTH_INTERVAL_MS),
      MAX_HEALTH_INTERVAL_MS,
    );
    this.timer = setLongInterval(() => void this.runLocal(), ms, { unref: true });
    void this.runLocal();
  }

  stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    return this.running ?? Promise.resolve();
  }

  /** Records the results of a run; emits one event per check whose status changed. */
  observe(results: readonly CheckResult[]): void {
    for (const r of results) {
      const from = this.last.get(r.id) ?? "ok";
      if (from === r.status) continue;
      this.last.set(r.id, r.status);
      const event: HealthChanged = {
        type: "health.changed",
        seriesId: null,
        check: r.id,
        label: r.label,
        from,
        to: r.status,
        detail: r.detail,
        advice: r.advice,
      };
      try {
        this.o.events.emit(event);
      } catch (error) {
        // Not recorded: the next run sees the same change and tries again.
        this.last.set(r.id, from);
        this.o.logger.warn("recording a health change failed", { check: r.id, error });
      }
    }
  }

  /** One scheduled run; a run still going when the next is due is not doubled. */
  private runLocal(): Promise<void> {
    this.running ??= this.o
      .localChecks()
      .then((results) => this.observe(results))
      .catch((error: unknown) => this.o.logger.warn("scheduled health checks failed", { error }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}

import * as v from "valibot";

/** Public health answer: no secrets, no paths. */
export interface Health {
  status: "ok";
  version: string;
  uptimeSeconds: number;
}

export const TicksInputSchema = v.object({
  intervalMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(60_000)), 1000),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
});

export interface Tick {
  n: number;
  at: number;
}

export const TASK_NAMES = ["scan", "monitor", "backup"] as const;
export type TaskName = (typeof TASK_NAMES)[number];
export const RunTaskInputSchema = v.strictObject({ name: v.picklist(TASK_NAMES, "unknown task") });

/** A scheduled job as System → Tasks shows it. */
export interface TaskInfo {
  name: TaskName;
  label: string;
  /** Minutes between runs; 0 = only on demand. */
  intervalMinutes: number;
  running: boolean;
  lastRun: { startedAt: number; finishedAt: number | null; ok: boolean; summary: string } | null;
  nextRunAt: number | null;
}

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

import * as v from "valibot";
import { LastEventIdSchema } from "./events.ts";

/** Inputs of the library.* and series.* read procedures. */
const Id = v.pipe(v.number(), v.integer(), v.minValue(1));

export const ScanInputSchema = v.optional(
  v.object({
    /** Rescan only this series' folder. */
    seriesId: v.optional(Id),
    /** Rescan only this folder (a name directly under the library root). */
    folder: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(255))),
  }),
);

export const ScanStatusInputSchema = v.optional(
  v.object({
    /** Follow this job until it finishes; without it, follow every scan (latest first). */
    jobId: v.optional(v.pipe(v.string(), v.maxLength(64))),
    lastEventId: LastEventIdSchema,
  }),
);

export const ParseInputSchema = v.object({ name: v.pipe(v.string(), v.maxLength(4096)) });

export const MissingInputSchema = v.optional(v.object({ seriesId: v.optional(Id) }));

/** Why a file of a series folder is attached to no episode. */
export const UNMATCHED_REASONS = ["no-number", "not-in-catalogue", "duplicate"] as const;
type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** One file the scan could not attach to an episode of its series (library.unmatched). */
export interface UnmatchedFile {
  /** Relative to the library root. */
  path: string;
  reason: UnmatchedReason;
  reading: string | null;
}

export const UnmatchedInputSchema = v.object({ seriesId: Id });

export const SeriesIdInputSchema = v.object({ id: Id });

import { tracked } from "@trpc/server";
import { CalendarInputSchema, WantedInputSchema } from "../../shared/activity.ts";
import { parseEpisodeName } from "../../shared/episode-name-parser.ts";
import {
  MissingInputSchema,
  ParseInputSchema,
  ScanInputSchema,
  ScanStatusInputSchema,
  UnmatchedInputSchema,
} from "../../shared/library-api.ts";
import { authedProcedure, router } from "../trpc/trpc.ts";
import { scanStatusStream } from "./scan-status-stream.ts";

export const libraryRouter = router({
  /** Queues a full scan, or one series folder; returns the job id at once. */
  scan: authedProcedure
    .input(ScanInputSchema)
    .mutation(({ ctx, input }) => ({ jobId: ctx.services.libraryScans.requestScan(input ?? {}).jobId })),

  /** Progress snapshots of a scan job (then its result), or of every scan when no job id is given. */
  scanStatus: authedProcedure.input(ScanStatusInputSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    for await (const item of scanStatusStream(ctx.services.libraryScans, input ?? {}, signal))
      yield tracked(String(item.id), item.value);
  }),

  parse: authedProcedure.input(ParseInputSchema).query(({ input }) => parseEpisodeName(input.name)),

  /** Every missing episode across the library, filtered, sorted and paged. */
  wanted: authedProcedure
    .input(WantedInputSchema)
    .query(({ ctx, input }) => ctx.services.activity.wanted(input)),

  /** Episodes airing between two days (monitored series by default), by air date. */
  calendar: authedProcedure
    .input(CalendarInputSchema)
    .query(({ ctx, input }) => ctx.services.activity.calendar(input)),

  /** Video files of one series' folder that the last scan could not attach to an episode, with the reason. */
  unmatched: authedProcedure
    .input(UnmatchedInputSchema)
    .query(({ ctx, input }) => ctx.services.seriesQueries.unmatched(input.seriesId)),

  missing: authedProcedure
    .input(MissingInputSchema)
    .query(({ ctx, input }) => ctx.services.seriesQueries.missing(input?.seriesId)),
});

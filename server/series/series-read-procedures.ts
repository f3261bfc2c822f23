import { SeriesIdInputSchema } from "../../shared/library-api.ts";
import { authedProcedure } from "../trpc/trpc.ts";

/** series.list / series.get: the read side of the series API. */
export const seriesReadProcedures = {
  /** Every series with on-disk, missing and total episode counts (one aggregate query). */
  list: authedProcedure.query(({ ctx }) => ctx.services.seriesQueries.list()),

  /** One series with its metadata and per-episode state. */
  get: authedProcedure
    .input(SeriesIdInputSchema)
    .query(({ ctx, input }) => ctx.services.seriesQueries.get(input.id)),
};

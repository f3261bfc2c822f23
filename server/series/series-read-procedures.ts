import { SeriesIdInputSchema } from "../../shared/library-api.ts";
import { SeriesListInputSchema } from "../../shared/series-list.ts";
import { authedProcedure } from "../trpc/trpc.ts";

/** series.list / series.get: the read side of the series API. */
export const seriesReadProcedures = {
  /** A window of series with their episode counts, the total it is cut from and the per-filter counts. */
  list: authedProcedure
    .input(SeriesListInputSchema)
    .query(({ ctx, input }) => ctx.services.seriesQueries.list(input)),

  /** One series with its metadata and per-episode state. */
  get: authedProcedure
    .input(SeriesIdInputSchema)
    .query(({ ctx, input }) => ctx.services.seriesQueries.get(input.id)),
};

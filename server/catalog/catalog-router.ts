import { CatalogSearchInputSchema } from "../../shared/catalog.ts";
import { authedProcedure, router } from "../trpc/trpc.ts";

export const catalogRouter = router({
  /** Items carry plain text only (titles, descriptions): render them as text. */
  search: authedProcedure
    .input(CatalogSearchInputSchema)
    .query(({ ctx, input, signal }) => ctx.services.catalog.search(input.query, signal)),
});

import { router } from "../trpc/trpc.ts";
import { seriesReadProcedures } from "./series-read-procedures.ts";
import { seriesWriteProcedures } from "./series-write-procedures.ts";

/** One `series` namespace, built from two files so reading and loading evolve independently. */
export const seriesRouter = router({ ...seriesReadProcedures, ...seriesWriteProcedures });

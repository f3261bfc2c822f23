import {
  ConnectionCreateSchema,
  ConnectionIdSchema,
  ConnectionUpdateSchema,
} from "../../shared/connections.ts";
import { authedProcedure, router } from "../trpc/trpc.ts";

/** Media servers and notification targets. Secrets go in, never out (ConnectionView has `secretSet`). */
export const connectionsRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.connections.list()),
  create: authedProcedure
    .input(ConnectionCreateSchema)
    .mutation(({ ctx, input }) => ctx.services.connections.create(input)),
  update: authedProcedure
    .input(ConnectionUpdateSchema)
    .mutation(({ ctx, input }) => ctx.services.connections.update(input)),
  remove: authedProcedure.input(ConnectionIdSchema).mutation(({ ctx, input }) => {
    ctx.services.connections.remove(input.id);
    return { removed: input.id };
  }),
  /** Tries the connection now; the result is also stored as its last result. */
  test: authedProcedure
    .input(ConnectionIdSchema)
    .mutation(({ ctx, input }) => ctx.services.connections.test(input.id)),
});

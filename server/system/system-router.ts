import type { Health, Tick } from "../../shared/system.ts";
import { RunTaskInputSchema, TicksInputSchema } from "../../shared/system.ts";
import { authedProcedure, publicProcedure, router } from "../trpc/trpc.ts";
import { APP_VERSION } from "../version.ts";
import { healthOf } from "./health.ts";

export const systemRouter = router({
  health: publicProcedure.query(({ ctx }): Health => healthOf(ctx.services.startedAt)),

  info: authedProcedure.query(({ ctx }) => ({
    version: APP_VERSION,
    bun: Bun.version,
    platform: `${process.platform}-${process.arch}`,
    startedAt: ctx.services.startedAt,
    dataDir: ctx.services.config.dataDir,
    library: ctx.services.config.library,
    rssBytes: process.memoryUsage.rss(),
  })),

  /** Scheduled jobs: last run, next run. */
  tasks: authedProcedure.query(({ ctx }) => ctx.services.tasks.list()),
  runTask: authedProcedure.input(RunTaskInputSchema).mutation(({ ctx, input }) => {
    ctx.services.tasks.run(input.name);
    return ctx.services.tasks.list();
  }),
  /**
   * Does nothing for a signed-in caller: lets a script check its key and the whole request path, and is the
   * add benchmark's baseline for what the stack (Hono, auth, request log, tRPC) costs by itself.
   */
  ping: authedProcedure.mutation((): { ok: true } => ({ ok: true })),

  recentLogs: authedProcedure.query(({ ctx }) => ctx.services.recentLogs.list()),

  /** The connection check: catalogue, FlareSolverr, TMDB key, hoster domains, ffmpeg, disk, failures. */
  connections: authedProcedure.query(({ ctx, signal }) => ctx.services.diagnostics.check(signal)),

  /** The last results per hoster: which hosters deliver today. */
  providers: authedProcedure.query(({ ctx }) => ctx.services.diagnostics.providers()),

  /** A heartbeat stream: proves WebSocket delivery end to end and drives the SPA's connection indicator. */
  ticks: authedProcedure.input(TicksInputSchema).subscription(async function* ({ input, signal }) {
    let n = 0;
    while (!signal?.aborted && (input.count === undefined || n < input.count)) {
      const tick: Tick = { n: n++, at: Date.now() };
      yield tick;
      await Bun.sleep(input.intervalMs);
    }
  }),
});

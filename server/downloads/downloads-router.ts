import { tracked } from "@trpc/server";
import { HistoryInputSchema, RemoveHistoryInputSchema } from "../../shared/activity.ts";
import {
  DownloadIdSchema,
  EnqueueInputSchema,
  EpisodeSourcesInputSchema,
  MoveInputSchema,
  OptionalDownloadIdSchema,
} from "../../shared/downloads.ts";
import { ResumeInputSchema } from "../../shared/events.ts";
import { authedProcedure, router } from "../trpc/trpc.ts";

/** The download queue. `progress` yields a snapshot first, then item, progress and removal events. */
export const downloadsRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.downloads.list()),
  enqueue: authedProcedure
    .input(EnqueueInputSchema)
    .mutation(({ ctx, input }) => ctx.services.downloads.enqueue(input)),
  /** An episode's hoster links per language, for choosing the source by hand. */
  sources: authedProcedure
    .input(EpisodeSourcesInputSchema)
    .query(({ ctx, input, signal }) => ctx.services.downloads.sources(input.episodeId, signal)),
  pause: authedProcedure.input(OptionalDownloadIdSchema).mutation(({ ctx, input }) => {
    ctx.services.downloads.pause(input.id);
  }),
  resume: authedProcedure.input(OptionalDownloadIdSchema).mutation(({ ctx, input }) => {
    ctx.services.downloads.resume(input.id);
  }),
  cancel: authedProcedure
    .input(DownloadIdSchema)
    .mutation(({ ctx, input }) => ctx.services.downloads.cancel(input.id)),
  retry: authedProcedure.input(DownloadIdSchema).mutation(({ ctx, input }) => {
    ctx.services.downloads.retry(input.id);
  }),
  move: authedProcedure.input(MoveInputSchema).mutation(({ ctx, input }) => {
    ctx.services.downloads.move(input.id, input.position);
  }),
  removeFinished: authedProcedure.mutation(async ({ ctx }) => ({
    removed: await ctx.services.downloads.removeFinished(),
  })),
  /** Finished downloads (completed, failed, cancelled), newest first, filtered and paged. */
  history: authedProcedure
    .input(HistoryInputSchema)
    .query(({ ctx, input }) => ctx.services.activity.history(input)),
  /** Removes history rows (the page asks the user first). */
  removeHistory: authedProcedure.input(RemoveHistoryInputSchema).mutation(async ({ ctx, input }) => ({
    removed: await ctx.services.downloads.removeFinished("ids" in input ? input.ids : undefined),
  })),
  /** Snapshot, then every change, as tracked(eventId, …): reconnecting clients resume from the log. */
  progress: authedProcedure.input(ResumeInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const after = input?.lastEventId ? Number(input.lastEventId) : null;
    for await (const item of ctx.services.downloads.stream(after, signal))
      yield tracked(String(item.id), item.value);
  }),
});

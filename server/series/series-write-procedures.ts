import { tracked } from "@trpc/server";
import {
  RemoveManyInputSchema,
  RetryLoadingManyInputSchema,
  SetLanguagesManyInputSchema,
  SetMonitoredManyInputSchema,
} from "../../shared/series-list.ts";
import {
  AddSeriesInputSchema,
  LoadingStatusInputSchema,
  OrganizeInputSchema,
  RemoveSeriesInputSchema,
  RetryLoadingInputSchema,
  SetEpisodesMonitoredInputSchema,
  SetLanguagesInputSchema,
  SetMonitoredInputSchema,
} from "../../shared/series-loading.ts";
import { authedProcedure } from "../trpc/trpc.ts";

/** series.add / remove / retryLoading / setMonitored / setLanguages / loadingStatus: the write side. */
export const seriesWriteProcedures = {
  /** Returns the new row at once (loading continues in the background); an existing key → alreadyExisted. */
  add: authedProcedure.input(AddSeriesInputSchema).mutation(({ ctx, input }) => {
    const { catalogKey, ...options } = input;
    return ctx.services.seriesWrite.add(catalogKey, options);
  }),

  remove: authedProcedure
    .input(RemoveSeriesInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesWrite.remove(input.id, input.deleteFiles)),

  retryLoading: authedProcedure
    .input(RetryLoadingInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesWrite.retryLoading(input.id)),

  setMonitored: authedProcedure
    .input(SetMonitoredInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesWrite.setMonitored(input.id, input.monitored)),

  /** The series' own language order for downloads and "missing" (preferred mode); null = the global one. */
  setLanguages: authedProcedure
    .input(SetLanguagesInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesWrite.setLanguages(input.id, input.languages)),

  /** Bulk forms of the ones above (the library page's selection): every id must exist. */
  setMonitoredMany: authedProcedure
    .input(SetMonitoredManyInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesBulk.setMonitored(input.ids, input.monitored)),

  setLanguagesMany: authedProcedure
    .input(SetLanguagesManyInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesBulk.setLanguages(input.ids, input.languages)),

  retryLoadingMany: authedProcedure
    .input(RetryLoadingManyInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesBulk.retryLoading(input.ids)),

  removeMany: authedProcedure
    .input(RemoveManyInputSchema)
    .mutation(({ ctx, input }) => ctx.services.seriesBulk.remove(input.ids, input.deleteFiles)),

  /** Per-episode monitoring. */
  setEpisodesMonitored: authedProcedure.input(SetEpisodesMonitoredInputSchema).mutation(({ ctx, input }) => ({
    changed: ctx.services.seriesWrite.setEpisodesMonitored(input.seriesId, input.episodeIds, input.monitored),
  })),

  /** What organize would rename (folder and files, to the naming templates). */
  organizePreview: authedProcedure
    .input(OrganizeInputSchema)
    .query(({ ctx, input }) => ctx.services.organize.preview(input.id)),

  /** Renames the folder and files as previewed. */
  organize: authedProcedure
    .input(OrganizeInputSchema)
    .mutation(({ ctx, input }) => ctx.services.organize.apply(input.id)),

  /** Snapshot, then every change, as tracked(eventId, …): reconnecting clients resume from the log. */
  loadingStatus: authedProcedure.input(LoadingStatusInputSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    for await (const item of ctx.services.loadingStatus.stream(input, signal))
      yield tracked(String(item.id), item.value);
  }),
};

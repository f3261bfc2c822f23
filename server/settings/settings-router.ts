import { SettingsPatchSchema } from "../../shared/settings.ts";
import { authedProcedure, router } from "../trpc/trpc.ts";

/** The TMDB key is a secret: the API says whether one is set, never what it is. */
function redact<T extends { tmdbApiKey: string }>(s: T): Omit<T, "tmdbApiKey"> & { tmdbApiKeySet: boolean } {
  const { tmdbApiKey, ...rest } = s;
  return { ...rest, tmdbApiKeySet: tmdbApiKey.length > 0 };
}

export const settingsRouter = router({
  get: authedProcedure.query(({ ctx }) => redact(ctx.services.settings.get())),
  update: authedProcedure
    .input(SettingsPatchSchema)
    .mutation(({ ctx, input }) => redact(ctx.services.settings.update(input))),
});

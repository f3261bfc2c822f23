import { SettingsPatchSchema } from "../../shared/settings.ts";
import { listenerStream } from "../events/listener-stream.ts";
import { checkTmdbKey } from "../services/tmdb-key-check.ts";
import { authedProcedure, router } from "../trpc/trpc.ts";

/** The TMDB key is a secret: the API says whether one is set, never what it is. */
function redact<T extends { tmdbApiKey: string }>(s: T): Omit<T, "tmdbApiKey"> & { tmdbApiKeySet: boolean } {
  const { tmdbApiKey, ...rest } = s;
  return { ...rest, tmdbApiKeySet: tmdbApiKey.length > 0 };
}

export const settingsRouter = router({
  get: authedProcedure.query(({ ctx }) => redact(ctx.services.settings.get())),
  /** A new TMDB key is checked with TMDB first (refused → nothing saved); the answer says what was found. */
  update: authedProcedure.input(SettingsPatchSchema).mutation(async ({ ctx, input, signal }) => {
    const key = input.tmdbApiKey?.trim();
    const tmdbKeyCheck = key
      ? await checkTmdbKey(ctx.services.config, ctx.services.catalog.http, key, signal)
      : undefined;
    return { ...redact(ctx.services.settings.update(input)), tmdbKeyCheck };
  }),
  /** The settings now, then after every change (from any tab or client), so open forms stay current. */
  changes: authedProcedure.subscription(({ ctx, signal }) =>
    listenerStream(
      (listener) => ctx.services.settings.onChange((next) => listener(redact(next))),
      () => redact(ctx.services.settings.get()),
      signal,
    ),
  ),
});

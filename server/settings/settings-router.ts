import { tracked } from "@trpc/server";
import { ResumeInputSchema } from "../../shared/events.ts";
import { SettingsPatchSchema } from "../../shared/settings.ts";
import { checkTmdbKey } from "../catalog/tmdb-key-check.ts";
import { streamEvents } from "../events/event-stream.ts";
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
  changes: authedProcedure.input(ResumeInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const current = () => redact(ctx.services.settings.get());
    for await (const item of streamEvents({
      events: ctx.services.events,
      topics: ["settings.changed"],
      afterId: input?.lastEventId ? Number(input.lastEventId) : null,
      snapshot: () => [current()],
      map: () => current(),
      ...(signal ? { signal } : {}),
    }))
      yield tracked(String(item.id), item.value);
  }),
});

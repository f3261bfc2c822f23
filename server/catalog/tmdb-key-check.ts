import { AppError } from "../../shared/errors.ts";
import type { TmdbKeyCheck } from "../../shared/settings.ts";
import type { Config } from "../config.ts";
import { messageOf } from "../lib/error-message.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import { probeTmdbKey } from "../providers/tmdb/tmdb-key-probe.ts";

/**
 * Asks TMDB whether a key works before it is saved. A refused key (401/403) is a bad request, so nothing
 * wrong is stored; a TMDB that cannot be reached lets the key through, marked unchecked, so saving works
 * offline.
 */
export async function checkTmdbKey(
  config: Pick<Config, "tmdbUrl" | "tmdbImageUrl">,
  http: HttpClient,
  apiKey: string,
  signal?: AbortSignal,
): Promise<TmdbKeyCheck> {
  const probe = await probeTmdbKey(
    { apiKey, baseUrl: config.tmdbUrl, imageBaseUrl: config.tmdbImageUrl },
    http,
    signal,
  );
  if (probe.result === "accepted") return { status: "valid", message: "TMDB accepted the key." };
  if (probe.result === "refused")
    throw new AppError(
      "BAD_REQUEST",
      "TMDB refused this key: check that it is a v3 API key or v4 read token.",
      {
        cause: probe.error,
      },
    );
  const reason = messageOf(probe.error);
  return { status: "unchecked", message: `Saved, but TMDB could not be reached to check it (${reason}).` };
}

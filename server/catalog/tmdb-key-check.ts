import { AppError } from "../../shared/errors.ts";
import type { TmdbKeyCheck } from "../../shared/settings.ts";
import type { Config } from "../config.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import { ProviderError } from "../providers/provider-error.ts";
import { TmdbClient } from "../providers/tmdb/tmdb-client.ts";

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
  const client = new TmdbClient(
    { apiKey, baseUrl: config.tmdbUrl, imageBaseUrl: config.tmdbImageUrl },
    http,
    "en-US",
  );
  try {
    await client.checkKey(signal);
    return { status: "valid", message: "TMDB accepted the key." };
  } catch (error) {
    if (error instanceof ProviderError && (error.status === 401 || error.status === 403))
      throw new AppError(
        "BAD_REQUEST",
        "TMDB refused this key: check that it is a v3 API key or v4 read token.",
        {
          cause: error,
        },
      );
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "unchecked", message: `Saved, but TMDB could not be reached to check it (${reason}).` };
  }
}

import type { HttpClient } from "../http/http-client.ts";
import { ProviderError } from "../provider-error.ts";
import { TmdbClient } from "./tmdb-client.ts";

/** What TMDB said about a key: the settings save and System → Health each word it their own way. */
export type TmdbKeyProbe =
  | { result: "accepted" }
  | { result: "refused"; error: ProviderError }
  | { result: "unreachable"; error: unknown };

/** Asks TMDB with the key once; 401/403 mean the key is refused, any other failure that TMDB was not reached. */
export async function probeTmdbKey(
  target: { apiKey: string; baseUrl: string; imageBaseUrl: string },
  http: HttpClient,
  signal?: AbortSignal,
): Promise<TmdbKeyProbe> {
  try {
    await new TmdbClient(target, http, "en-US").checkKey(signal);
    return { result: "accepted" };
  } catch (error) {
    if (error instanceof ProviderError && (error.status === 401 || error.status === 403))
      return { result: "refused", error };
    return { result: "unreachable", error };
  }
}

import { isRetryableStatus } from "./http/retry-policy.ts";

/**
 * What kind of failure a ProviderError is, when it is one the user can act on:
 * `blocked` = an anti-bot service refused us (the message carries the advice), `refused` = we refused the
 * URL ourselves (the private-address rule), `layout` = the page no longer has what we look for.
 */
export type ProviderErrorCode = "blocked" | "refused" | "layout";

/** A failure of an outside service (catalogue, TMDB, a hoster). `status` is the HTTP status when there was one. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly retryable: boolean;
  readonly code: ProviderErrorCode | null;
  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
    options?: { cause?: unknown; retryable?: boolean; code?: ProviderErrorCode },
  ) {
    super(message, options);
    this.code = options?.code ?? null;
    this.retryable =
      this.code !== null ? false : (options?.retryable ?? (status === null || isRetryableStatus(status)));
  }
}

/** What to do about a block, said wherever a blocked request ends (search, add, download, doctor). */
export function blockedAdvice(host: string, solverConfigured: boolean): string {
  return solverConfigured
    ? `${host} is blocking this server and FlareSolverr could not get through: check that FlareSolverr is running and current (Settings → Connections), or set an outbound proxy`
    : `${host} is blocking this server: set a FlareSolverr URL in Settings → Connections (or ANIWORLD_FLARESOLVERR_URL)`;
}

/** A failure of an outside service (catalogue, TMDB, a hoster). `status` is the HTTP status when there was one. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options);
    this.retryable = options?.retryable ?? (status === null || status === 429 || status >= 500);
  }
  readonly retryable: boolean;
}

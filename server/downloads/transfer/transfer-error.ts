import { existsSync } from "node:fs";
import type { Outbound } from "../../providers/net/outbound.ts";
import { ProviderError } from "../../providers/provider-error.ts";

/**
 * Why a transfer stopped. "disk_space" and "folder_gone" pause the item; the others let the queue try the
 * next source.
 */
export type TransferFailure =
  | "stall"
  | "not_found"
  | "gone"
  | "blocked"
  | "http"
  | "network"
  | "incomplete"
  | "unsupported"
  | "disk_space"
  | "remux"
  /** The private-address rule refused the URL. */
  | "refused"
  /** The folder it writes into was renamed or removed while it ran. */
  | "folder_gone";

export class TransferError extends Error {
  override readonly name = "TransferError";
  constructor(
    readonly reason: TransferFailure,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Maps an HTTP status of a media request to a failure; 5xx and 429 are worth another try. */
export function httpFailure(status: number, what: string): TransferError {
  if (status === 404) return new TransferError("not_found", `${what}: not found (404)`);
  if (status === 410) return new TransferError("gone", `${what}: removed (410)`);
  if (status === 401 || status === 403) return new TransferError("blocked", `${what}: refused (${status})`);
  return new TransferError("http", `${what}: HTTP ${status}`, status >= 500 || status === 429);
}

/** Sends a media request through the outbound layer; its refusals become non-retryable transfer errors. */
export async function mediaFetch(
  net: Outbound,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  try {
    return (await net.fetch("media", { url: new URL(url), kind: "media", headers, signal })).response;
  } catch (error) {
    if (error instanceof ProviderError && error.code === "refused")
      throw new TransferError("refused", error.message, false, { cause: error });
    throw error;
  }
}

/**
 * The failure of a transfer whose folder `dir` is gone (renamed or removed while it wrote), or null while it
 * is there. No other source could help, and making the folder again would leave the file apart from the
 * bytes that went with the renamed folder.
 */
export function folderGone(dir: string): TransferError | null {
  if (existsSync(dir)) return null;
  return new TransferError("folder_gone", "the episode's folder was renamed or removed while it downloaded");
}

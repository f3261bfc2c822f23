import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";

/** A media server that can be told which folders changed. Paths are already mapped to its view. */
export interface MediaServer {
  /** Checks the URL and the credentials; resolves with what the server said about itself. */
  test(): Promise<string>;
  /** Asks the server to rescan these folders (one call per folder at most); resolves with a summary. */
  refresh(folders: readonly string[], signal?: AbortSignal): Promise<string>;
}

export type MediaServerFactory = (connection: StoredConnection) => MediaServer;

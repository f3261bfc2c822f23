import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";

/** What changed on disk, as the media server sees it (paths already mapped). */
export interface FolderChanges {
  /** Folders that are new or whose files changed: rescanned. */
  changed: readonly string[];
  /** Folders that are no longer there (renamed away or deleted): what the server had from them goes. */
  gone: readonly string[];
}

/** A media server that can be told which folders changed. */
export interface MediaServer {
  /** Checks the URL and the credentials; resolves with what the server said about itself. */
  test(): Promise<string>;
  /** Asks the server to rescan these folders (one call per folder at most); resolves with a summary. */
  refresh(changes: FolderChanges, signal?: AbortSignal): Promise<string>;
}

export type MediaServerFactory = (connection: StoredConnection) => MediaServer;

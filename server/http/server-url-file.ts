import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporaryNameFor } from "../fs/atomic-write.ts";

/** Where the running server notes its URL, so commands run beside it (reset-password) can name it. */
const FILE_NAME = "server-url";

/** Synchronous (a few bytes, once at start) so the note exists as soon as the server answers. */
export function recordServerUrl(dataDir: string, url: string): void {
  const path = join(dataDir, FILE_NAME);
  const tmp = temporaryNameFor(path);
  writeFileSync(tmp, `${url}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/** The URL the server of this data dir last listened on, or null when it never ran. */
export function readServerUrl(dataDir: string): string | null {
  try {
    const url = readFileSync(join(dataDir, FILE_NAME), "utf8").trim();
    return /^https?:\/\/\S+$/.test(url) ? url : null;
  } catch {
    return null;
  }
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../fs/atomic-write.ts";

/** Where the running server notes its URL, so commands run beside it (reset-password) can name it. */
const FILE_NAME = "server-url";

export async function recordServerUrl(dataDir: string, url: string): Promise<void> {
  await writeFileAtomic(join(dataDir, FILE_NAME), `${url}\n`);
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

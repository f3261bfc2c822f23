import { renameSync, rmSync, writeFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file so that readers see either the old content or the new one, never a mix: the data goes to
 * a hidden temporary name in the same folder (same file system), then is renamed over the target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Blob): Promise<void> {
  const tmp = temporaryNameFor(path);
  try {
    await Bun.write(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * The blocking form, for a worker thread of its own (the loader's): the system calls run on that thread,
 * which works at background priority, instead of on the runtime's shared I/O threads.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = temporaryNameFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** `.<name>.<random>.tmp` beside the target; the scanner ignores dot-files and `.tmp` names. */
export function temporaryNameFor(path: string): string {
  // The global Web Crypto: importing node:crypto costs the server's start several milliseconds.
  const random = Buffer.from(crypto.getRandomValues(new Uint8Array(4))).toString("hex");
  return join(dirname(path), `.${basename(path)}.${random}.tmp`);
}

/** True for names produced by temporaryNameFor (used to clean leftovers after a crash). */
export function isTemporaryName(name: string): boolean {
  return /^\..+\.[0-9a-f]{8}\.tmp$/.test(name);
}

import { statfsSync } from "node:fs";
import { TransferError } from "./transfer-error.ts";

/** Bytes available to this process on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Throws a "disk_space" TransferError unless `needed` bytes fit while keeping `keepFree` bytes free. */
export function ensureSpace(dir: string, needed: number, keepFree: number): void {
  const free = freeBytes(dir);
  if (free - Math.max(0, needed) < keepFree) {
    const mb = (n: number) => `${Math.ceil(n / 1048576)} MiB`;
    throw new TransferError(
      "disk_space",
      `not enough free disk space in ${dir}: ${mb(free)} free, ${mb(needed)} needed plus ${mb(keepFree)} kept free`,
    );
  }
}

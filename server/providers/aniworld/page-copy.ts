import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEEP = 50;

/**
 * Keeps a copy of a catalogue page we could not read ("the page layout changed"), for a bug report.
 * At most the newest 50 copies are kept; a failure to write one never hides the original error.
 * Returns the file's path, or null.
 */
export function savePageCopy(dir: string | null, kind: string, name: string, body: string): string | null {
  if (!dir) return null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const safe = `${kind}-${name}`.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 80);
    const path = join(dir, `${stamp}-${safe}.html`);
    writeFileSync(path, body, { mode: 0o600 });
    const copies = readdirSync(dir)
      .filter((f) => f.endsWith(".html"))
      .sort();
    for (const old of copies.slice(0, Math.max(0, copies.length - KEEP)))
      rmSync(join(dir, old), { force: true });
    return path;
  } catch {
    return null;
  }
}

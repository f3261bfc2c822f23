import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..", "..", "..");
export const BINARY = join(ROOT, "dist", "aniworld");
const SOURCES = ["client", "server", "shared", "db", "scripts/build", "package.json", "vite.config.ts"];

function newestMtime(path: string): number {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(full, { recursive: true })
    .map((f) => join(full, String(f)))
    .reduce((max, f) => Math.max(max, statSync(f).mtimeMs), st.mtimeMs);
}

/** Builds dist/aniworld when it is missing or older than any source, so e2e always tests current code. */
export async function ensureBuilt(): Promise<string> {
  const built = existsSync(BINARY) ? statSync(BINARY).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map(newestMtime));
  if (built > newest) return BINARY;
  const proc = Bun.spawn([process.execPath, "run", "build"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`bun run build failed (${code}):\n${out}\n${err}`);
  return BINARY;
}

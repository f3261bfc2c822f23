import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Resolves `child` (a folder name relative to `root`) and refuses anything that is not strictly inside
 * `root`: absolute paths, `..` escapes and the root itself. Used for every path built from stored data.
 */
export function resolveInsideRoot(root: string, child: string): string {
  const base = resolve(root);
  const full = resolve(base, child);
  const rel = relative(base, full);
  if (!rel || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) || isAbsolute(child))
    throw new Error(`path escapes the library root: ${JSON.stringify(child)}`);
  return full;
}

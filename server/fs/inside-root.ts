import { isAbsolute, relative, resolve, sep } from "node:path";
import { AppError } from "../../shared/errors.ts";

/**
 * The one safe-path function: resolves `child` (a path relative to `root`) and refuses anything that is not
 * strictly inside `root` — absolute paths, `..` escapes and the root itself (nothing is ever written to or
 * deleted as the root). Used for every path built from stored or catalogue data: series folders, download
 * targets, metadata files.
 */
export function resolveInsideRoot(root: string, child: string): string {
  const base = resolve(root);
  const full = resolve(base, child);
  if (isAbsolute(child) || !isStrictlyInside(base, full))
    throw new AppError("BAD_REQUEST", `path escapes the library root: ${JSON.stringify(child)}`);
  return full;
}

/** Whether the absolute `path` lies strictly inside the absolute `folder` (the folder itself does not). */
export function isStrictlyInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

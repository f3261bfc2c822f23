import type { PathMapping } from "../../shared/connections.ts";

/** A path the way every server's paths are compared: forward slashes, no trailing one. */
function comparable(path: string): string {
  return path.replace(/\\/g, "/").replace(/\/+$/, "");
}

/**
 * The entry whose path is `path` itself or its closest parent (the longest such), or null. Paths of either
 * separator style compare alike, so it serves Aniworld's paths and a media server's.
 */
export function closestParent<T>(path: string, entries: Iterable<T>, pathOf: (entry: T) => string): T | null {
  const target = comparable(path);
  let best: { entry: T; length: number } | null = null;
  for (const entry of entries) {
    const parent = comparable(pathOf(entry));
    const inside = target === parent || target.startsWith(`${parent}/`);
    if (inside && (!best || parent.length > best.length)) best = { entry, length: parent.length };
  }
  return best?.entry ?? null;
}

/**
 * Translates a path as Aniworld sees it into the path the media server sees: the longest mapping whose
 * `from` is the path or a parent of it wins; without one the path is passed on as it is. The rest of the
 * path keeps its parts and takes the separator style of `to` (a Windows server gets backslashes).
 */
export function mapPath(path: string, mappings: readonly PathMapping[]): string {
  const best = closestParent(path, mappings, (m) => m.from);
  if (!best) return path;
  const rest = comparable(path).slice(comparable(best.from).length);
  const windows = best.to.includes("\\") || /^[A-Za-z]:/.test(best.to);
  const to = best.to.replace(/[\\/]+$/, "");
  return windows ? `${to}${rest.replace(/\//g, "\\")}` : `${to}${rest}`;
}

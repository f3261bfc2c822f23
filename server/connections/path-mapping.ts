import type { PathMapping } from "../../shared/connections.ts";

/**
 * Translates a path as Aniworld sees it into the path the media server sees: the longest mapping whose
 * `from` is the path or a parent of it wins; without one the path is passed on as it is. The rest of the
 * path keeps its parts and takes the separator style of `to` (a Windows server gets backslashes).
 */
export function mapPath(path: string, mappings: readonly PathMapping[]): string {
  const norm = (p: string) => p.replace(/\\/g, "/").replace(/\/+$/, "");
  const target = norm(path);
  let best: PathMapping | null = null;
  for (const m of mappings) {
    const from = norm(m.from);
    const inside = target === from || target.startsWith(from === "" ? "/" : `${from}/`);
    if (inside && (!best || from.length > norm(best.from).length)) best = m;
  }
  if (!best) return path;
  const rest = target.slice(norm(best.from).length);
  const windows = best.to.includes("\\") || /^[A-Za-z]:/.test(best.to);
  const to = best.to.replace(/[\\/]+$/, "");
  return windows ? `${to}${rest.replace(/\//g, "\\")}` : `${to}${rest}`;
}

/** `raw` as a base whose path is a folder (a trailing slash), so relative paths resolve under it. */
export function folderUrl(raw: string): URL {
  return new URL(raw.endsWith("/") ? raw : `${raw}/`);
}

/**
 * `base` + `path`, keeping a sub-path of base (a reverse proxy's /jellyfin, a mirror's /aniworld): a
 * leading slash of `path` does not climb to the host's root.
 */
export function joinUrl(base: string | URL, path: string): URL {
  const folder = typeof base === "string" || !base.pathname.endsWith("/") ? folderUrl(String(base)) : base;
  return new URL(path.replace(/^\//, ""), folder);
}

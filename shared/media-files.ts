/**
 * What counts as a video file and which artwork/NFO names the library knows (facts/media-server.md).
 * Pure: shared by the scanner, the parser and the client.
 */

/** Jellyfin's list of video extensions (abridged), lower case with the dot. */
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  ".mkv",
  ".mp4",
  ".m4v",
  ".avi",
  ".mov",
  ".wmv",
  ".flv",
  ".webm",
  ".ts",
  ".m2ts",
  ".mts",
  ".mpg",
  ".mpeg",
  ".m2v",
  ".ogv",
  ".ogm",
  ".vob",
  ".iso",
  ".3gp",
  ".divx",
  ".xvid",
  ".rmvb",
  ".strm",
]);

/** Side files that share an episode's base name; stripped like a video extension when parsing. */
const SIDE_EXTENSIONS: ReadonlySet<string> = new Set([
  ".nfo",
  ".srt",
  ".ass",
  ".ssa",
  ".sub",
  ".idx",
  ".vtt",
]);

/**
 * True when the name's extension, in any case, is in `set` (lower case entries). The name as written is
 * tried first: the scan asks this for every file, and most are written in lower case already.
 */
function hasExtensionIn(name: string, set: ReadonlySet<string>): boolean {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return false;
  const ext = name.slice(dot);
  return set.has(ext) || set.has(ext.toLowerCase());
}

export function isVideoFileName(name: string): boolean {
  return hasExtensionIn(name, VIDEO_EXTENSIONS);
}

/** Removes a known video or side-file extension; other dots stay (they may be separators: "s01.e01"). */
export function stripMediaExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return name;
  const ext = name.slice(dot);
  if (VIDEO_EXTENSIONS.has(ext) || SIDE_EXTENSIONS.has(ext)) return name.slice(0, dot);
  const lower = ext.toLowerCase();
  return VIDEO_EXTENSIONS.has(lower) || SIDE_EXTENSIONS.has(lower) ? name.slice(0, dot) : name;
}

/** The name of a file a download writes while it runs, from `.part` on (see transfer-paths.ts on the server). */
const TRANSFER_LEFTOVER_TAIL = /\.part(?:\.audio)?(?:\.json|\.s\d+)?$/i;

/**
 * True for a name a transfer writes while it runs (in any case): the part, its resume state, segment slots
 * and a separate audio rendition. A library scan must never take it for an episode.
 */
export function isTransferLeftover(name: string): boolean {
  return TRANSFER_LEFTOVER_TAIL.test(name);
}

export type ArtworkKind = "poster" | "fanart" | "logo" | "banner" | "nfo";

/** Classifies a file directly in a series folder as series artwork / tvshow.nfo, or null. */
export function artworkKindOf(name: string): ArtworkKind | null {
  const lower = name.toLowerCase();
  if (lower === "tvshow.nfo") return "nfo";
  const dot = lower.lastIndexOf(".");
  if (dot <= 0) return null;
  const base = lower.slice(0, dot);
  const ext = lower.slice(dot + 1);
  if (!["jpg", "jpeg", "png", "webp", "tbn", "svg"].includes(ext)) return null;
  if (base === "poster" || base === "folder" || base === "cover") return "poster";
  if (base === "fanart" || /^fanart-?\d+$/.test(base) || base === "backdrop" || base === "background")
    return "fanart";
  if (base === "logo" || base === "clearlogo") return "logo";
  if (base === "banner") return "banner";
  return null;
}

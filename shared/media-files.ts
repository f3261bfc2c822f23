/**
 * What counts as a video file and which artwork/NFO names the library knows (facts/media-server.md).
 * Pure: shared by the scanner, the parser and the client.
 */

/** Jellyfin's list of video extensions (abridged), lower case with the dot. */
const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
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

/** An extension (without its dot) of up to this many ASCII characters is compared as a number. */
const KEYED_LENGTH = 7;

/**
 * The extension after `dot`, lower-cased, as a number (one ASCII character per 7 bits, after a leading 1 so
 * lengths differ); -1 when a character is not ASCII, -2 when it is longer than KEYED_LENGTH. A number, not a
 * copy of the extension: the scan asks for every file, and a fresh string costs its allocation and its hash.
 */
function extensionKey(name: string, dot: number): number {
  let key = 1;
  for (let i = dot + 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7f) return -1;
    key = key * 128 + (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  }
  return name.length - dot - 1 > KEYED_LENGTH ? -2 : key;
}

const keysOf = (extensions: ReadonlySet<string>): ReadonlySet<number> =>
  new Set([...extensions].map((ext) => extensionKey(ext, 0)));
const VIDEO_KEYS = keysOf(VIDEO_EXTENSIONS);
/** Video and side-file extensions: what a parsed name loses. */
const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set([...VIDEO_EXTENSIONS, ...SIDE_EXTENSIONS]);
const MEDIA_KEYS = keysOf(MEDIA_EXTENSIONS);

/** True when the name's extension, in any case, is one of `extensions` (lower case entries, `keys` theirs). */
function hasExtensionIn(name: string, extensions: ReadonlySet<string>, keys: ReadonlySet<number>): boolean {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return false;
  const key = extensionKey(name, dot);
  // Beyond ASCII, case folding is the full Unicode one ("K" Kelvin sign → "k"): the string set decides.
  if (key === -1) return extensions.has(name.slice(dot).toLowerCase());
  return keys.has(key);
}

export function isVideoFileName(name: string): boolean {
  return hasExtensionIn(name, VIDEO_EXTENSIONS, VIDEO_KEYS);
}

/** Removes a known video or side-file extension; other dots stay (they may be separators: "s01.e01"). */
export function stripMediaExtension(name: string): string {
  return hasExtensionIn(name, MEDIA_EXTENSIONS, MEDIA_KEYS) ? name.slice(0, name.lastIndexOf(".")) : name;
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

/**
 * Safe, unique folder names for series under the library root. Pure: the caller says which names are taken.
 * A name never contains a path separator, `..`, a character reserved on some file system (< > : " / \ | ? *),
 * a control character, or a trailing dot/space; it is length-limited (in UTF-8 bytes, the unit file systems
 * count) and never a reserved Windows device name.
 */
export const MAX_FOLDER_NAME_BYTES = 120;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const encoder = new TextEncoder();

/** "one-piece" → "One Piece": the best title known before the catalogue has answered. */
export function titleFromSlug(slug: string): string {
  return slug
    .split("-")
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

export function safeFolderName(title: string, fallback = "Series"): string {
  let name = title
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/[<>:"/\\|?*]/g, " ")
    .replace(/\.{2,}/g, ".")
    .replace(/\s+/g, " ")
    .trim();
  name = truncateBytes(name, MAX_FOLDER_NAME_BYTES);
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (!name || RESERVED_WINDOWS.test(name)) name = name ? `${name} (series)` : fallback;
  return name;
}

/** `base`, or `base (2)`, `base (3)`… — the first one `isTaken` refuses. Comparison is up to the caller. */
export function uniqueFolderName(title: string, isTaken: (name: string) => boolean): string {
  const base = safeFolderName(title);
  if (!isTaken(base)) return base;
  for (let n = 2; n < 10_000; n++) {
    const suffix = ` (${n})`;
    const candidate = `${truncateBytes(base, MAX_FOLDER_NAME_BYTES - suffix.length).replace(/[.\s]+$/, "")}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error("no free folder name");
}

function truncateBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

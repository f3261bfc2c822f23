/**
 * The folders and the file name of a path for the episode-name parser. A slash inside brackets
 * ("[原题/Title][01]") or with spaces on both sides ("Оригинал (S2E1) / Title (S2E1)") separates titles, not
 * folders.
 */
export function pathSegments(input: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    // Character codes ("[" "【", "]" "】", "/" "\\"), not one-letter strings: this runs over every path a scan reads.
    const c = input.charCodeAt(i);
    if (c === 0x5b || c === 0x3010) depth++;
    else if ((c === 0x5d || c === 0x3011) && depth > 0) depth--;
    else if ((c === 0x2f || c === 0x5c) && depth === 0 && !(input[i - 1] === " " && input[i + 1] === " ")) {
      if (i > start) segments.push(input.slice(start, i));
      start = i + 1;
    }
  }
  if (start < input.length) segments.push(input.slice(start));
  return segments;
}

/**
 * The last of pathSegments(input) without splitting the rest, when that is plain to see: the last slash has no
 * bracket opened before it and no spaces on both sides, so it separates, and the name after it is not empty.
 * Null when pathSegments must decide. Most paths a scan reads ("Season 01/Title - S01E07 - Name [German
 * Dub].mkv") need nothing but their file name.
 */
export function fileNameOf(input: string): string | null {
  const last = Math.max(input.lastIndexOf("/"), input.lastIndexOf("\\"));
  if (last === -1) return input;
  if (last === input.length - 1 || (input[last - 1] === " " && input[last + 1] === " ")) return null;
  const bracket = input.indexOf("[");
  if (bracket !== -1 && bracket < last) return null;
  const fullWidth = input.indexOf("【");
  if (fullWidth !== -1 && fullWidth < last) return null;
  return input.slice(last + 1);
}

import { LANGUAGE_LABELS, LANGUAGES, type Language } from "./languages.ts";

/**
 * The front half of reading one path segment (episode-segment-reading.ts) for the names the app writes
 * itself ("Series 0042 - S01E07 - Episode 7 [German Dub]"): one pass over the characters instead of the
 * language-tag, group, bracket and separator passes. It is a strict subset recogniser: it answers only for a
 * name where those passes provably change nothing but the trailing language tag, and null for anything else,
 * which the full front half then reads. tests/shared/episode-plain-name.test.ts runs both over every name of
 * the parser's corpora and generated variants and asserts the same result.
 *
 * A plain name (the extension already removed):
 * - printable ASCII only (no full-width brackets, no tabs, nothing a `\s` or a case fold could read
 *   differently), no brackets, braces, underscores or slashes, and no two spaces in a row;
 * - optionally ending with one language label in brackets, exactly as the app's naming writes it;
 * - no word (at the start or after one of the separators the language-tag pattern accepts before a tag)
 *   that starts like a language tag ("ger", "deu", "eng", "om", "dt"), so the label is the only tag;
 * - written with spaces (at least as many spaces as dots), so the separators stay as written;
 * - without a tag, not ending in "-word": that may be a scene group ("x264-LOL").
 */
export interface SegmentFront {
  /** The name with the tags and noise brackets removed, separators as written (the markers' context reads it). */
  name: string;
  /** `name` before the noise brackets were removed: where a resolution or source bracket is looked for. */
  bracketed: string;
  /** `name` with separators spaced: what the markers read. */
  text: string;
  releaseStyle: boolean;
  group: string | null;
  /** The name started with a group tag. */
  grouped: boolean;
  /** The language the tags state. */
  language: Language | null;
}

/**
 * The labels the app's naming writes for {language}, with their languages (the language-tag pattern reads each
 * label as its language: the equivalence test holds the two together).
 */
const LABELS: readonly (readonly [string, Language])[] = LANGUAGES.map((language) => [
  LANGUAGE_LABELS[language],
  language,
]);

const lower = (c: number) => c | 0x20;

/** Characters after which the language-tag pattern may start a tag: white space and `._-([+,`. */
function opensTag(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x28 ||
    c === 0x5b ||
    c === 0x2b ||
    c === 0x2c
  );
}

/** True when a language tag could start at `i`: "ger", "deu", "eng", "om", "dt" in any case. */
function startsLikeTag(name: string, i: number): boolean {
  const a = lower(name.charCodeAt(i));
  const b = lower(name.charCodeAt(i + 1));
  if (a === 0x6f) return b === 0x6d; // om
  if (a === 0x64) return b === 0x74 || (b === 0x65 && lower(name.charCodeAt(i + 2)) === 0x75); // dt, deu
  if (a === 0x67) return b === 0x65 && lower(name.charCodeAt(i + 2)) === 0x72; // ger
  if (a === 0x65) return b === 0x6e && lower(name.charCodeAt(i + 2)) === 0x67; // eng
  return false;
}

const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (lower(c) >= 0x61 && lower(c) <= 0x7a);

/** The language label in brackets that ends `name` ("… [German Dub]", "… (English Sub)"), or null. */
function trailingLabel(name: string, open: number): Language | null {
  const close = name.charCodeAt(name.length - 1);
  const c = name.charCodeAt(open);
  if (!((c === 0x5b && close === 0x5d) || (c === 0x28 && close === 0x29))) return null;
  // Compared in place: no copy of the bracket's content for names whose bracket is something else.
  const length = name.length - open - 2;
  for (const [label, language] of LABELS)
    if (label.length === length && name.startsWith(label, open + 1)) return language;
  return null;
}

/** The front half's reading of a plain name (see above), or null when the name is not plain. */
export function readPlainName(name: string): SegmentFront | null {
  let language: Language | null = null;
  let end = name.length;
  let spaces = 0;
  let dots = 0;
  let firstWord = -1;
  let innerSpace = false;
  let previous = 0x20;
  for (let i = 0; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x20) {
      if (previous === 0x20 && i > 0) return null;
      spaces++;
    } else {
      if (c < 0x20 || c > 0x7e) return null;
      if (c === 0x5b || c === 0x28) {
        language = trailingLabel(name, i);
        if (language === null) return null;
        end = i;
        break;
      }
      // The other brackets and braces, "_" and both slashes.
      if (c === 0x5d || c === 0x29 || c === 0x7b || c === 0x7d || c === 0x5f || c === 0x2f || c === 0x5c)
        return null;
      if (c === 0x2e) dots++;
      if ((i === 0 || opensTag(previous)) && startsLikeTag(name, i)) return null;
      if (firstWord === -1) firstWord = i;
      else if (previous === 0x20) innerSpace = true;
    }
    previous = c;
  }
  if (firstWord === -1) return null;
  if (language === null) {
    // "….x264-LOL": a word after the last dash running to the end may be a scene group.
    const dash = name.lastIndexOf("-");
    if (dash > 0 && dash < end - 1) {
      let word = true;
      for (let i = dash + 1; i < end && word; i++) word = isAlnum(name.charCodeAt(i));
      if (word) return null;
    }
    if (dots > spaces) return null;
    return {
      name,
      bracketed: name,
      text: name,
      releaseStyle: !innerSpace,
      group: null,
      grouped: false,
      language,
    };
  }
  // The tag is cut out with a space in its place; the separators then fold the two spaces before it into one.
  if (dots > spaces + 1) return null;
  const before = name.slice(0, end);
  const rest = `${before} `;
  const text = previous === 0x20 ? before : rest;
  return {
    name: rest,
    bracketed: rest,
    text,
    releaseStyle: !innerSpace,
    group: null,
    grouped: false,
    language,
  };
}

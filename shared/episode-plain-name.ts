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

/** What a character of printable ASCII is to the recogniser (bits); everything else is REJECTED. */
const REJECTED = 1;
const SPACE = 2;
const DOT = 4;
const BRACKET = 8;
/** The language-tag pattern may start a tag after it: white space and `._-([+,`. */
const OPENS_TAG = 16;
/** The first letter of a language tag in any case: g(er), d(eu, t), e(ng), o(m). */
const TAG_LETTER = 32;

/**
 * The class of each ASCII character: one table lookup per character keeps the loop below small (it runs over
 * every name of a scan, much of the time before the JIT has optimised it).
 */
const CLASSES = (() => {
  const classes = new Uint8Array(128).fill(REJECTED);
  for (let c = 0x21; c < 0x7f; c++) classes[c] = 0;
  for (const ch of "]){}_/\\") classes[ch.charCodeAt(0)] = REJECTED;
  classes[0x20] = SPACE | OPENS_TAG;
  classes[0x2e] = DOT | OPENS_TAG;
  for (const ch of "-+,") classes[ch.charCodeAt(0)] = OPENS_TAG;
  for (const ch of "[(") classes[ch.charCodeAt(0)] = BRACKET;
  for (const ch of "gGdDeEoO") classes[ch.charCodeAt(0)] = TAG_LETTER;
  return classes;
})();

/** The character at `i` in lower case (ASCII), 0 past the end: always a small integer, which the JIT keeps. */
function lowerAt(name: string, i: number): number {
  return i < name.length ? name.charCodeAt(i) | 0x20 : 0;
}

/** True when a language tag could start at `i`: "ger", "deu", "eng", "om", "dt" in any case. */
function startsLikeTag(name: string, i: number): boolean {
  const a = lowerAt(name, i);
  const b = lowerAt(name, i + 1);
  if (a === 0x6f) return b === 0x6d; // om
  if (a === 0x64) return b === 0x74 || (b === 0x65 && lowerAt(name, i + 2) === 0x75); // dt, deu
  if (a === 0x67) return b === 0x65 && lowerAt(name, i + 2) === 0x72; // ger
  if (a === 0x65) return b === 0x6e && lowerAt(name, i + 2) === 0x67; // eng
  return false;
}

const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);

/** The language label in brackets that ends `name` ("… [German Dub]", "… (English Sub)"), or null. */
function trailingLabel(name: string, open: number): Language | null {
  const close = name.charCodeAt(name.length - 1);
  const c = name.charCodeAt(open);
  if (!((c === 0x5b && close === 0x5d) || (c === 0x28 && close === 0x29))) return null;
  // Compared in place: no copy of the bracket's content for names whose bracket is something else.
  const length = name.length - open - 2;
  for (let i = 0; i < LABELS.length; i++) {
    const [label, language] = LABELS[i]!;
    if (label.length === length && name.startsWith(label, open + 1)) return language;
  }
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
  // The class of the character before; the start of the name counts as after a space.
  let previous = SPACE | OPENS_TAG;
  for (let i = 0; i < end; i++) {
    const c = name.charCodeAt(i);
    const k = c < 0x80 ? CLASSES[c]! : REJECTED;
    if (k & SPACE) {
      if (previous & SPACE && i > 0) return null;
      spaces++;
    } else {
      if (k & REJECTED) return null;
      if (k & BRACKET) {
        language = trailingLabel(name, i);
        if (language === null) return null;
        end = i;
        break;
      }
      if (k & DOT) dots++;
      if (k & TAG_LETTER && previous & OPENS_TAG && startsLikeTag(name, i)) return null;
      if (firstWord === -1) firstWord = i;
      else if (previous & SPACE) innerSpace = true;
    }
    previous = k;
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
  const text = previous & SPACE ? before : rest;
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

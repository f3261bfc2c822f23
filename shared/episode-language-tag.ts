import type { Language } from "./languages.ts";

/**
 * Finds the language tag in an episode file name: the labels Aniworld writes ("German Dub", "German Sub",
 * "English Sub", "English Dub", in brackets, parentheses or bare) and the catalogue's short genre forms
 * ("GerDub", "GerSub", "EngSub", "EngDub", "Ger-Sub", "Ger.Dub"). "Dubbed"/"Subbed" count as Dub/Sub.
 * A bare "German" or "English" is not a tag (too often part of a title).
 */
export interface LanguageTagMatch {
  language: Language;
  /** Where the tag (with its brackets, if any) sits in the text, so callers can cut it out. */
  start: number;
  end: number;
}

const TAG =
  /(?:^|[\s._\-([])((?:german|deutsch|ger|english|eng)[\s._-]?(?:dub(?:bed)?|sub(?:bed|s)?))(?=$|[\s._\-)\]])/gi;

function languageOf(tag: string): Language {
  // The tag matched TAG, so its first letter tells German (g, d) from English (e).
  const first = tag.charCodeAt(0) | 0x20;
  const german = first === 0x67 || first === 0x64;
  const sub = /sub/i.test(tag);
  if (german) return sub ? "de-sub" : "de";
  return sub ? "en-sub" : "en";
}

/** The last language tag in `text` (release names put it near the end), or null. */
export function findLanguageTag(text: string): LanguageTagMatch | null {
  let found: LanguageTagMatch | null = null;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    const tag = m[1]!;
    let start = m.index + m[0].length - tag.length;
    let end = start + tag.length;
    // Take enclosing brackets with the tag: "(German Dub)", "[German Sub]".
    const before = text[start - 1];
    const after = text[end];
    if ((before === "(" && after === ")") || (before === "[" && after === "]")) {
      start -= 1;
      end += 1;
    }
    found = { language: languageOf(tag), start, end };
    TAG.lastIndex = Math.max(TAG.lastIndex, end);
  }
  return found;
}

import { LANGUAGES, type Language } from "./languages.ts";
import { isNoiseToken } from "./release-noise.ts";

/**
 * Finds the language of an episode file from its name. The forms and the reading of each are listed in
 * docs/file-names.md. A wrong language makes the library think the preferred one is on disk (or missing), so
 * only forms that name one of our languages count: "Multi-Subs", "Dual Audio" and "VOSTFR" name none.
 *
 * - Tags read anywhere: "German Dub"/"Sub", "English Dub"/"Sub" and their short forms ("GerDub", "Ger-Sub",
 *   "EngSub", "German.DUBBED", "English Subbed"), "German.DL" (dual language: German audio beside the
 *   original), "OmU"/"OmdU" (original with German subtitles), "OmeU" (with English ones), "dt. Untertitel".
 * - Tags read in brackets only: "(Deutsch)", dual-language pairs ("[GER+JAP]", "[DE+JA]": the audio tracks,
 *   German Dub when German is among them, else English Dub when English is), and subtitle language codes ("[ENG]", "[GER]", Erai-raws' "[ENG][POR-BR]…" lists).
 * - A bare "German" only after the episode marker, followed by release noise ("S01E01.German.1080p.BluRay",
 *   "German.AC3.Dubbed.DL"): the audio language of a scene release (findAudioLanguage). Elsewhere it is title.
 *
 * When a name states several of our languages, all of them are on disk (a dub with subtitles, a subtitle
 * list), so the one first in the catalogue's order (German Dub, German Sub, English Sub, English Dub: the
 * default preference) is the reading.
 */
export interface LanguageTagMatch {
  language: Language;
  /** Where the tags (with their brackets) sit in the text, so the caller can cut them out. */
  spans: { start: number; end: number }[];
}

/**
 * Every tag in one pass: group 1 a tag read anywhere (group 2 its "sub", group 3 an OmU form, group 4 an
 * "Untertitel" form), group 5 a language code in brackets (the prefix has taken the opening bracket, the
 * closing one is part of the match).
 */
const TAG = new RegExp(
  String.raw`(?:^|[\s._\-([+,])(?:(` +
    String.raw`(?:german|deutsch|ger|english|eng)[\s._-]?(?:dub(?:bed)?|(sub)(?:bed|s)?)(?:[\s._-]dl(?![a-z]))?` +
    // The German scene writes "ANiME" after the language: "GERMAN.DL.ANiME.1080p".
    String.raw`|german[\s._-]dl(?:[\s._-]anime(?![a-z]))?` +
    String.raw`|(om(?:dt?|e)?u)` +
    String.raw`|((?:dt\.?|deutschen?|german|ger)[\s._-]?untertitel)` +
    String.raw`)(?=$|[\s._\-)\]+,])` +
    // "(Deutsch)", "[GER+JAP]", "[DE+JA]", "[GER, JAP]", "[ENG]", "[GER]".
    String.raw`|(?<=[[(])(deutsch|(?:ger|deu?|eng?|jap|jpn|ja)\s?[+,&/]\s?(?:ger|deu?|eng?|jap|jpn|ja)|eng|ger)[\])])`,
  "gi",
);

/** "OmU", "OMU", "OmdU", "OmeU" as the German release world writes them; "omu" lower case is a word. */
const OMU = /^O[mM](?:[dD][tT]?|[eE])?U$/;

/** The language of a tag TAG matched, from its groups. */
function tagLanguage(m: RegExpExecArray): Language | null {
  const omu = m[3];
  if (omu !== undefined) {
    if (!OMU.test(omu)) return null;
    return (omu.charCodeAt(2) | 0x20) === 0x65 ? "en-sub" : "de-sub";
  }
  if (m[4] !== undefined) return "de-sub";
  // The first letter tells German (g, d) from English (e).
  const first = m[1]!.charCodeAt(0) | 0x20;
  const sub = m[2] !== undefined;
  if (first === 0x67 || first === 0x64) return sub ? "de-sub" : "de";
  return sub ? "en-sub" : "en";
}

function codeLanguage(code: string): Language | null {
  const lower = code.toLowerCase();
  if (lower === "deutsch") return "de";
  // A lone code names a subtitle track: anime releases keep the Japanese audio unless a dub is named.
  if (lower === "ger") return "de-sub";
  if (lower === "eng") return "en-sub";
  // A pair names the audio tracks: the German or English one is a dub.
  const parts = lower.split(/\s?[+,&/]\s?/);
  if (parts.some((p) => p === "ger" || p === "de" || p === "deu")) return "de";
  if (parts.some((p) => p === "eng" || p === "en")) return "en";
  return null;
}

/** Precedence when a name states several languages: the catalogue's order. */
const rank = (language: Language) => LANGUAGES.indexOf(language);

/**
 * The language the tags of `text` state, with every tag's place. A tag that is the scene group at the end
 * ("… German Dub 1080p WEB x264-GerDub") stays in the text (it is the group) and counts only when no other
 * tag is written.
 */
export function findLanguageTag(text: string): LanguageTagMatch | null {
  let best: Language | null = null;
  let groupLanguage: Language | null = null;
  const spans: { start: number; end: number }[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    const code = m[5];
    if (code !== undefined) {
      const language = codeLanguage(code);
      if (language === null) continue;
      spans.push({ start: m.index, end: m.index + m[0].length });
      if (best === null || rank(language) < rank(best)) best = language;
      continue;
    }
    const tag = m[1]!;
    let start = m.index + m[0].length - tag.length;
    let end = start + tag.length;
    const language = tagLanguage(m);
    if (language === null) continue;
    if (end === text.length && text[start - 1] === "-") {
      groupLanguage = language;
      continue;
    }
    // Take enclosing brackets with the tag: "(German Dub)", "[German Sub]".
    const before = text[start - 1];
    const after = text[end];
    if ((before === "(" && after === ")") || (before === "[" && after === "]")) {
      start -= 1;
      end += 1;
    }
    spans.push({ start, end });
    if (best === null || rank(language) < rank(best)) best = language;
    TAG.lastIndex = Math.max(TAG.lastIndex, end);
  }
  if (best === null) return groupLanguage === null ? null : { language: groupLanguage, spans: [] };
  if (spans.length > 1) spans.sort((a, b) => a.start - b.start);
  return { language: best, spans };
}

/** Cuts the tags' spans out of `text`, a space in place of each. */
export function withoutLanguageTags(text: string, match: LanguageTagMatch): string {
  let out = "";
  let at = 0;
  for (const span of match.spans) {
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)} `;
    at = span.end;
  }
  return out + text.slice(at);
}

/** Words of the language phrase of a scene release that follow "German": "German.AC3.Dubbed.DL". */
const AUDIO_WORD = /^(?:dl|dubbed|subbed|anime|e?ac3d?|dtsd?|dd\+?(?:\d\.?\d)?|mic|ld|md)$/i;
const GERMAN_WORD = /(?:^| )german(?= |$)/gi;

/**
 * The audio language of a scene release written as a bare word after the episode marker: "German" followed by
 * release noise ("S01E01.German.1080p.BluRay", "GERMAN.ANiME.WEBRiP", "German.AC3.Dubbed.DL"), in a name whose
 * separators are spaces already. `from` is where the marker ends. The span runs from the word to the end: what
 * follows it is release noise, not the episode's title. "German" followed by a word ("S01E05 The German Girl")
 * is title.
 */
export function findAudioLanguage(
  text: string,
  from: number,
): { language: Language; start: number; end: number } | null {
  GERMAN_WORD.lastIndex = from;
  for (let m = GERMAN_WORD.exec(text); m !== null; m = GERMAN_WORD.exec(text)) {
    const start = m.index + (text[m.index] === " " ? 1 : 0);
    let subbed = false;
    let noise = false;
    for (const word of text.slice(start + 7).split(" ")) {
      if (AUDIO_WORD.test(word)) subbed ||= word.toLowerCase() === "subbed";
      else if (word.length === 0 || !isNoiseToken(word)) break;
      noise = true;
    }
    if (noise) return { language: subbed ? "de-sub" : "de", start, end: text.length };
  }
  return null;
}

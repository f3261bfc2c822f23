import { type Language, languageFromFlag } from "../../../shared/languages.ts";
import { attrText, lazyImageUrl } from "./html-text.ts";

interface FlagElement {
  getAttribute(name: string): string | null;
}

/**
 * The language a flag image stands for: its file name (`german.svg`, `japanese-german.svg`, …, lazy
 * `data-src` preferred, query and fragment ignored), else the words the site writes into its `title` or
 * `alt` ("Deutsch/German", "Mit deutschem Untertitel", "Englisch") when the file name tells nothing.
 */
export function flagLanguage(el: FlagElement): Language | null {
  const file = lazyImageUrl(el.getAttribute("src"), el.getAttribute("data-src")).replace(/[?#].*$/, "");
  return (
    (file ? languageFromFlag(file) : null) ??
    languageFromLabel(el.getAttribute("title")) ??
    languageFromLabel(el.getAttribute("alt"))
  );
}

/**
 * A language label as aniworld.to writes it. Its English flag is the Japanese original with English
 * subtitles, titled plainly "Englisch"; only a label that says dubbed ("synchronisiert", "Dub") is an
 * English dub.
 */
export function languageFromLabel(raw: string | null): Language | null {
  const label = attrText(raw).toLowerCase();
  if (!label) return null;
  const english = /engl/.test(label);
  const german = /deutsch|german/.test(label);
  if (/untertitel|subtit|\bsub\b/.test(label)) return english ? "en-sub" : german ? "de-sub" : null;
  if (german) return "de";
  if (english) return /synchron|\bdub\b/.test(label) ? "en" : "en-sub";
  return null;
}

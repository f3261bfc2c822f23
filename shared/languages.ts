import * as v from "valibot";

/**
 * Audio/subtitle variants the catalogue offers. Codes are ours; the catalogue's numeric lang keys are
 * read from each page (they differ between clients), never assumed.
 */
export const LANGUAGES = ["de", "de-sub", "en-sub", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LanguageSchema = v.picklist(LANGUAGES, "unknown language");

export const LANGUAGE_LABELS: Record<Language, string> = {
  de: "German Dub",
  "de-sub": "German Sub",
  "en-sub": "English Sub",
  en: "English Dub",
};

/** The default preference: German Dub > German Sub > English Sub. */
export const DEFAULT_LANGUAGE_ORDER: readonly Language[] = ["de", "de-sub", "en-sub"];

/** Maps the flag image name used by the catalogue (german.svg, japanese-german.svg, …) to our code. */
export function languageFromFlag(fileName: string): Language | null {
  const base = fileName
    .toLowerCase()
    .replace(/^.*\//, "")
    .replace(/\.(svg|png|webp)$/, "");
  switch (base) {
    case "german":
      return "de";
    case "japanese-german":
      return "de-sub";
    case "japanese-english":
      return "en-sub";
    case "english":
      return "en";
    default:
      return null;
  }
}

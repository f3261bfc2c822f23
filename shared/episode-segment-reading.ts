import { findAudioLanguage, findLanguageTag, withoutLanguageTags } from "./episode-language-tag.ts";
import type { EpisodeMarker } from "./episode-markers.ts";
import { findEpisodeMarker } from "./episode-numbers.ts";
import { readPlainName, type SegmentFront } from "./episode-plain-name.ts";
import type { Language } from "./languages.ts";
import { stripMediaExtension } from "./media-files.ts";
import { onlyBrackets, splitReleaseGroup, unwrapBrackets } from "./release-group.ts";
import {
  hasSourceBracket,
  normaliseSeparators,
  removeIdMarkers,
  removeNoiseBrackets,
} from "./release-noise.ts";

/**
 * Reading one path segment (a file name or a folder) for the episode-name parser: the front half cleans the
 * name (extension, full-width brackets, language tags, group tags, noise brackets, separators), the back half
 * finds the episode marker in what is left.
 */
export interface Reading {
  /** The name with extension, language tag, group tags and noise brackets removed, separators spaced. */
  text: string;
  releaseStyle: boolean;
  group: string | null;
  language: Language | null;
  marker: EpisodeMarker | null;
}

const HASH = /^[0-9a-f]{16,}$/i;
const FULL_WIDTH = /[【】（）［］★０-９]/;
const FULL_WIDTH_ALL = /[【】（）［］★０-９]/g;
const STARRED = /★([^★[\]【】]+)★/g;
const FULL_WIDTH_MAP: Record<string, string> = {
  "【": "[",
  "】": "]",
  "（": "(",
  "）": ")",
  "［": "[",
  "］": "]",
};

/** The front half for any name (the extension already removed). */
export function readFront(segment: string): SegmentFront {
  let name = segment;
  // Full-width brackets of Chinese releases ("【Group】★【Title】[24（END）]") read as ASCII ones, and a tag
  // between stars ("★01月新番★") as a bracketed one.
  if (FULL_WIDTH.test(name))
    name = name
      .replace(STARRED, "[$1]")
      .replace(FULL_WIDTH_ALL, (c) =>
        c >= "０" && c <= "９" ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : (FULL_WIDTH_MAP[c] ?? " "),
      );
  const tag = findLanguageTag(name);
  if (tag) name = withoutLanguageTags(name, tag);
  const split = splitReleaseGroup(name);
  name = removeIdMarkers(split.rest);
  const bracketed = name;
  if (name.includes("[") || name.includes("(") || name.includes("{")) name = removeNoiseBrackets(name);
  if (split.leading && onlyBrackets(name)) name = unwrapBrackets(name);
  const { text, releaseStyle } = normaliseSeparators(name);
  return {
    name,
    bracketed,
    text,
    releaseStyle,
    group: split.group,
    grouped: split.leading,
    language: tag?.language ?? null,
  };
}

export function read(segment: string, isFile: boolean): Reading {
  const cut = isFile ? stripMediaExtension(segment) : segment;
  // Most names of a library are the app's own ("Title - S01E07 - Name [German Dub]"): one pass reads them.
  const front = readPlainName(cut) ?? readFront(cut);
  const { name, bracketed, releaseStyle } = front;
  let text = front.text;
  let marker = HASH.test(text)
    ? null
    : findEpisodeMarker(text, {
        releaseStyle,
        grouped: front.grouped,
        underscored: name.includes("_"),
        sourceTagged: () => hasSourceBracket(bracketed),
      });
  // "Title - 07.5", "Title.Ep.07.5": a half episode has no whole number; the marker still ends the title.
  if (marker && marker.season === null && isHalfEpisode(name, text.slice(marker.start, marker.end)))
    marker = { ...marker, numbers: [], absolute: [], version: null, confidence: 0 };
  let language = front.language;
  // "Title.S01E01.German.1080p.BluRay": a bare language word after the marker names the audio.
  const audio = language === null && marker ? findAudioLanguage(text, marker.end) : null;
  if (audio) {
    language = audio.language;
    text = `${text.slice(0, audio.start)}${text.slice(audio.end)}`;
  }
  return { text, releaseStyle, group: front.group, language, marker };
}

/** True when the marker's number is written with a decimal part in the name ("07.5", not "05.1080p"). */
function isHalfEpisode(name: string, markerText: string): boolean {
  const digits = /\d+(?!.*\d)/.exec(markerText)?.[0];
  if (digits === undefined || !name.includes(`${digits}.`)) return false;
  const at = name.indexOf(`${digits}.`);
  const before = name[at - 1];
  const after = name.slice(at + digits.length + 1);
  return (before === undefined || /[\s._\-[(#p]/i.test(before)) && /^\d(?!\d|\.\d)/.test(after);
}

/**
 * Release noise in file names: bracketed resolution/codec/source/CRC tags, media server id markers
 * ("[imdbid-tt…]", "[tmdbid-…]", "{tvdb-…}"), separator styles ("Show.Name", "show_name") and the title clean-up
 * that follows. Pure string helpers used by the episode name parser.
 */

/** One word of release noise: resolution, codec, source, audio, CRC, subtitle/dub markers, site tags. */
export const NOISE_TOKEN =
  /^(?:\d{3,4}[pi]|\d{3,4}[x*]\d{3,4}|[0-9a-f]{8}|4k|8k|uhd|hdr\d*|sdr|x26[45]|h\.?26[45]|hevc|avc|xvid|divx\d*|av1|vp9|aac\d*(?:\.\d)?|flac\d*|e?ac3|dd\+?\d*(?:\.\d)?|dts(?:-?(?:hd|es|ma))*|truehd\d*(?:\.\d)?|opus|mp3|vorbis|ogg|\d{1,2}-?bits?|hi10p?|10b|bd|bdrip|bluray|blu-ray|brrip|bdremux|web|web-?dl|webrip|dvd|dvdrip|dvd-?r\d?|dvdscr|r2|hdtv|sdtv|pdtv|dsr|ws|tv|hd|sd|fhd|dual(?:[\s-]?audio)?|audio|m?subs?|multi(?:[\s-]?subs?)?|raw|remux|uncensored|batch|complete|weekly|multiple|subtitles?|hardsubs?|softsubs?|vostfr|vosta|subfrench|french|castellano|v\d|repack|proper|internal|chap|big5|gb|chs|cht|jpn?|ja|eng?|\d{0,2}月?新番|[0-9.]+ch|\d\.\d|mkv|mp4|avi)$/i;

/** Tokens strong enough to end an unbracketed episode title ("Name.1080p.WEB-DL.x264-GRP" → "Name"). */
const CUT_TOKEN =
  /^(?:\d{3,4}[pi]|x26[45]|h\.?26[45]|hevc|web-?dl|webrip|bluray|bdrip|brrip|hdtv|pdtv|sdtv|dvdrip|\d{1,2}bit|remux|aac\d*|flac\d*|vostfr|dual)$/i;

/** Tokens that make a whole bracket release noise even among other words ("(Central Anime, 720p)"). */
const STRONG_TOKEN =
  /^(?:\d{3,4}[pi]|\d{3,4}[x*×]\d{3,4}|[0-9a-f]{8}|x26[45]|h\.?26[45]|hevc|avc|xvid|divx\d*|av1|bd|bdrip|bluray|blu-ray|brrip|bdremux|web-?dl|webrip|dvd|dvdrip|hdtv|aac\d*|flac\d*|e?ac3|dts|truehd\d*|opus|\d{1,2}-?bits?|hi10p?)$/i;

export function isNoiseToken(token: string): boolean {
  if (NOISE_TOKEN.test(token)) return true;
  return (token.includes(".") || token.includes("-")) && NOISE_TOKEN.test(token.replace(/[.-]/g, ""));
}

/** True when a bracket's content is release noise: "1080p", "ABCD1234", "BD 1080p x265 10bit FLAC", "www.site.org". */
export function isNoiseBracket(content: string): boolean {
  // Both forms below need a dot: most brackets ("1080p", a CRC, a group) have none and skip them.
  if (content.includes(".")) {
    if (/^\s*(?:www\.|[\w-]+\.(?:com|org|net|to)\s*$)/i.test(content)) return true;
    // Audio channel layouts: "[5.1+2.0]".
    if (/^\s*\d\.\d(?:\s?\+\s?\d\.\d)*\s*$/.test(content)) return true;
  }
  // One word ("1080p", "F02B9CEE", "SubsPlease"): the checks below for its only token, without splitting.
  if (!BRACKET_WORD_GAP_CHAR.test(content))
    return content === "" || isStrongToken(content) || (!DIGITS.test(content) && isNoiseWord(content));
  const tokens = content.split(BRACKET_WORD_GAP).filter(Boolean);
  if (tokens.length === 0) return true;
  // "[Mobile Suit Gundam HD REMASTER]" is a title with one weak noise word; "(Central Anime, 720p)" is noise.
  const words = tokens.filter((t) => !DIGITS.test(t));
  return tokens.some(isStrongToken) || (words.length > 0 && words.every(isNoiseWord));
}

const BRACKET_WORD_GAP = /[\s,_+.&()]+/;
const BRACKET_WORD_GAP_CHAR = /[\s,_+.&()]/;
const DIGITS = /^\d+$/;
const CRC = /^[0-9a-f]{8}$/i;

/** A word of a bracket that is release noise, alone or as a part of a dashed word ("WEB-DL", "x264-GRP"). */
const isNoiseWord = (t: string) => isNoiseToken(t) || (t.includes("-") && t.split("-").some(isNoiseToken));

function isStrongToken(t: string): boolean {
  return STRONG_TOKEN.test(t) || (t.includes("-") && t.split("-").some((p) => STRONG_TOKEN.test(p)));
}

/** True when a bracket of the name names its resolution, codec or source ("[1080p]", "(BD x265)"), not only a CRC. */
export function hasSourceBracket(name: string): boolean {
  for (const m of name.matchAll(/[[({]([^[\](){}]*)[\])}]/g))
    for (const t of m[1]!.split(BRACKET_WORD_GAP)) if (isStrongToken(t) && !CRC.test(t)) return true;
  return false;
}

/** Replaces noise brackets with a space; other brackets ("[1x01]", "(2020)", "[Group]") stay. */
export function removeNoiseBrackets(text: string): string {
  const first = withoutNoiseBrackets(text);
  // A second pass for brackets that held noise brackets: "(BD 1280x720 AAC [5.1+2.0])".
  return first.nested && first.text !== text ? withoutNoiseBrackets(first.text).text : first.text;
}

const isOpening = (c: number) => c === 0x5b || c === 0x28 || c === 0x7b;
const isClosing = (c: number) => c === 0x5d || c === 0x29 || c === 0x7d;

/**
 * One pass: every innermost bracket (opened by one of "[({" and closed by one of "])}", no bracket inside)
 * that is noise becomes a space. `nested` tells whether an opening bracket followed another one directly.
 */
function withoutNoiseBrackets(text: string): { text: string; nested: boolean } {
  let out = "";
  let copied = 0;
  let open = -1;
  let nested = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isOpening(c)) {
      if (open !== -1) nested = true;
      open = i;
    } else if (isClosing(c) && open !== -1) {
      if (isNoiseBracket(text.slice(open + 1, i))) {
        out += `${text.slice(copied, open)} `;
        copied = i + 1;
      }
      open = -1;
    }
  }
  return { text: copied === 0 ? text : out + text.slice(copied), nested };
}

const ID_MARKER = /[[{(]\s*(?:imdb(?:id)?|tmdb(?:id)?|tvdb(?:id)?|anidb(?:id)?)[\s:=-]+[a-z0-9]+\s*[\]})]/gi;

/** Removes media-server id markers ("[imdbid-tt…]"). */
export function removeIdMarkers(text: string): string {
  return text.includes("id") || text.includes("db") ? text.replace(ID_MARKER, " ") : text;
}

/**
 * Uses spaces for separators: underscores always; dots when the name is written with dots rather than spaces
 * ("Show.Name.S01E01"); names with more spaces than dots keep their dots ("Dr. Stone", "R.O.D the TV").
 */
export function normaliseSeparators(text: string): { text: string; releaseStyle: boolean } {
  const unspaced = !hasInnerSpace(text);
  // "8x01_02", "Cap.111_120": an underscore between digits joins numbers, it is not a space.
  let spaced = text.includes("_") ? text.replace(/(?<!\d)_|_(?!\d)/g, " ") : text;
  let dots = 0;
  let spaces = 0;
  // Whether `\s{2,}` can match: two spaces in a row, or any other white space (tab…, or beyond ASCII).
  let runs = false;
  for (let i = 0, previous = 0; i < spaced.length; i++) {
    const c = spaced.charCodeAt(i);
    if (c === 46) dots++;
    else if (c === 32) {
      spaces++;
      if (previous === 32) runs = true;
    } else if ((c >= 9 && c <= 13) || c > 127) runs = true;
    previous = c;
  }
  const releaseStyle = unspaced || dots > spaces;
  if (dots > spaces) {
    spaced = spaced.replace(/\./g, " ");
    runs = true;
  }
  return { text: runs ? spaced.replace(/\s{2,}/g, " ") : spaced, releaseStyle };
}

/**
 * `text.trim().includes(" ")` without the trimmed copy when the answer shows without it: a plain (ASCII,
 * non-space) first character and a space followed by one. Anything else asks trim().
 */
function hasInnerSpace(text: string): boolean {
  const plain = (c: number) => c > 32 && c < 127;
  if (plain(text.charCodeAt(0)))
    for (let i = text.indexOf(" "); i !== -1; i = text.indexOf(" ", i + 1))
      if (plain(text.charCodeAt(i + 1))) return true;
  return text.trim().includes(" ");
}

const SEPARATORS = new Set([..." \t\n\r-–—‒._~:|,;★"]);

/** Trims separators from both ends (a loop: a `[…]+$` regex rescans every separator run of the text). */
export function trimSeparators(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && SEPARATORS.has(text[start]!)) start++;
  while (end > start && SEPARATORS.has(text[end - 1]!)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

export interface CleanTitle {
  title: string | null;
  year: number | null;
}

/**
 * The series title part before the episode marker: no group tags, empty brackets, trailing year. A bare
 * trailing year ("Title 2018") is split off only when `bareYear` (scene names, or a title followed by a marker).
 */
export function cleanSeriesTitle(raw: string, bareYear: boolean): CleanTitle {
  let text = raw.replace(/^\s*(?:\[[^\]]*\]\s*)+/, "");
  text = text.replace(/[[({]\s*[\])}]/g, " ").replace(/\s{2,}/g, " ");
  const glued = GLUED_END.exec(text);
  // Unbalanced leftovers of a marker's bracket: "Title (" / "Title [".
  text = trimSeparators(text.replace(/[[({]\s*$/, ""));
  text = trimSeparators(latinSide(text).replace(/\s+v\d$/i, ""));
  let year: number | null = null;
  const yearMatch =
    /(?:^|\s)[([]((?:19|20)\d{2})[)\]]$/.exec(text) ?? (bareYear ? /\s((?:19|20)\d{2})$/.exec(text) : null);
  if (yearMatch && yearMatch.index > 0) {
    year = Number.parseInt(yearMatch[1]!, 10);
    const before = text.slice(0, yearMatch.index);
    text = trimSeparators(before);
    // "Kimi no Na wa. (2016)": the title's own dot stays when the year goes.
    if (GLUED_END.exec(`${before} `)?.[2] === ".") text += ".";
  } else if (glued && text.endsWith(glued[1]!) && (glued[2] === "." || / -[a-z]/i.test(text)))
    text += glued[2];
  return { title: text.length > 0 ? text : null, year };
}

/**
 * A dot or dash glued to the title's last word and followed by a space and separators only: part of the title
 * ("Kimi no Na wa.", "Re ZERO -Starting Life in Another World-" when a dash opens the phrase), not a separator.
 */
const GLUED_END = /([a-z]{2})([.-])\s[\s\-–—]*$/i;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const ORIGINAL_AFTER = /(?<=[a-z0-9!?.)]) [-–] [^a-z]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^a-z]*$/i;

/**
 * "原题/Title", "原題·Title", "原题 Title", "Оригинал / Title", "Title - 原题": a Chinese/Japanese/Korean title
 * next to its Latin one, or any title without Latin letters followed by one after a slash, reads as the Latin
 * one (the name a catalogue search finds).
 */
function latinSide(title: string): string {
  // "Атака титанов / Title": the translated title after a slash, when the first has no Latin letters.
  const slash = title.lastIndexOf(" / ");
  if (slash > 0 && !/[a-z]/i.test(title.slice(0, slash)) && /[a-z]{2}/i.test(title.slice(slash)))
    return trimSeparators(title.slice(slash + 3));
  // "Frieren - 葬送的芙莉蓮": a Latin title followed by its original one.
  if (!CJK.test(title[0] ?? "")) return CJK.test(title) ? title.replace(ORIGINAL_AFTER, "") : title;
  const latin = /[A-Za-z0-9][\x20-\x7e]*$/.exec(title);
  if (!latin || !/[a-z]{2}/i.test(latin[0])) return title;
  return trimSeparators(latin[0]);
}

/** The text up to the first strong noise token ("Name 1080p WEB-DL x264-GRP" → "Name "). */
export function cutAtNoise(text: string): string {
  let at = 0;
  for (const token of text.split(" ")) {
    if (CUT_TOKEN.test(token)) break;
    if ((token.includes(".") || token.includes("-")) && CUT_TOKEN.test(token.replace(/[.-]/g, ""))) break;
    at += token.length + 1;
  }
  return text.slice(0, at);
}

/**
 * The episode title after the marker: up to the first strong noise token, separators normalised. A year alone
 * in brackets ("Title (S2E1) (2023) WEB-DL") is the series' year; any other part wholly in parentheses is the
 * series' other title ("Title - 11 (Other Title) [English Dub]"), not the episode's.
 */
export function cleanEpisodeTitle(raw: string): CleanTitle {
  // Square brackets after the marker hold tags ("[Multiple Subtitle]"), not title words.
  const text = trimSeparators(raw.replace(/\[[^\]]*\]|\(\s*\)/g, " ").replace(/\s{2,}/g, " "));
  const result = trimSeparators(cutAtNoise(text));
  if (result.length === 0) return { title: null, year: null };
  if (!result.startsWith("(") || result.indexOf(")") !== result.length - 1)
    return { title: result, year: null };
  const year = /^\(((?:19|20)\d{2})\)$/.exec(result);
  return { title: null, year: year ? Number.parseInt(year[1]!, 10) : null };
}

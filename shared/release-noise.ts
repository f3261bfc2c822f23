/**
 * Release noise in file names: bracketed resolution/codec/source/CRC tags, leading "[Group]" tags, media
 * server id markers ("[imdbid-tt…]", "[tmdbid-…]", "{tvdb-…}") and separator styles ("Show.Name", "show_name").
 * Pure string helpers used by the episode name parser.
 */

const NOISE_TOKEN =
  /^(?:\d{3,4}[pi]|\d{3,4}x\d{3,4}|[0-9a-f]{8}|4k|8k|uhd|hdr\d*|sdr|x26[45]|h\.?26[45]|hevc|avc|xvid|divx|av1|vp9|aac\d*|flac\d*|e?ac3|dts(?:-?hd)?|truehd|opus|mp3|\d{1,2}bit|hi10p?|bd|bdrip|bluray|blu-ray|brrip|web|web-?dl|webrip|dvd|dvdrip|hdtv|tv|dual(?:[\s-]?audio)?|multi(?:[\s-]?subs?)?|raw|remux|uncensored|batch|complete|multiple|subtitles?|v\d)$/i;

/** Tokens strong enough to end an unbracketed episode title ("Name.1080p.WEB-DL.x264-GRP" → "Name"). */
const CUT_TOKEN =
  /^(?:\d{3,4}[pi]|x26[45]|h\.?26[45]|hevc|web-?dl|webrip|bluray|bdrip|brrip|hdtv|dvdrip|\d{1,2}bit|remux|aac\d*|flac\d*)$/i;

/** True when a bracket's content is only release noise: "1080p", "ABCD1234", "BD 1080p x265 10bit FLAC". */
export function isNoiseBracket(content: string): boolean {
  const tokens = content.split(/[\s,_+]+/).filter(Boolean);
  if (tokens.length === 0) return true;
  return tokens.some((t) => NOISE_TOKEN.test(t) || NOISE_TOKEN.test(t.replace(/[.-]/g, "")));
}

/** Replaces noise brackets with a space; other brackets ("[1x01]", "(2020)", "[Group]") stay. */
export function removeNoiseBrackets(text: string): string {
  return text.replace(/[[(]([^[\]()]*)[\])]/g, (whole, content: string) =>
    isNoiseBracket(content) ? " " : whole,
  );
}

const ID_MARKER = /[[{(]\s*(?:imdb(?:id)?|tmdb(?:id)?|tvdb(?:id)?|anidb(?:id)?)[\s:=-]+[a-z0-9]+\s*[\]})]/gi;

/** Uses spaces for separators: dots and underscores become spaces when the text has no spaces. */
function normaliseSeparators(text: string): string {
  const spaced = text.includes(" ") ? text.replace(/_/g, " ") : text.replace(/[._]/g, " ");
  return spaced.replace(/\s+/g, " ");
}

function trimSeparators(text: string): string {
  return text.replace(/^[\s\-–—._~:|]+|[\s\-–—._~:|]+$/g, "");
}

export interface CleanTitle {
  title: string | null;
  year: number | null;
}

/** The series title part before the episode marker: no group tags, ids, noise or trailing year. */
export function cleanSeriesTitle(raw: string): CleanTitle {
  const releaseStyle = !raw.includes(" ");
  let text = raw.replace(/^\s*(?:\[[^\]]*\]\s*)+/, "").replace(ID_MARKER, " ");
  text = text.replace(/[[(]\s*[\])]/g, " ");
  text = trimSeparators(normaliseSeparators(text));
  let year: number | null = null;
  const yearMatch =
    /(?:^|\s)[([]((?:19|20)\d{2})[)\]]$/.exec(text) ??
    (releaseStyle ? /\s((?:19|20)\d{2})$/.exec(text) : null);
  if (yearMatch && yearMatch.index > 0) {
    year = Number.parseInt(yearMatch[1]!, 10);
    text = trimSeparators(text.slice(0, yearMatch.index));
  }
  return { title: text.length > 0 ? text : null, year };
}

/** The episode title after the marker: up to the first strong noise token, separators normalised. */
export function cleanEpisodeTitle(raw: string): string | null {
  // Square brackets after the marker hold tags ("[Multiple Subtitle]"), not title words.
  const text = trimSeparators(normaliseSeparators(raw.replace(/\[[^\]]*\]|\(\s*\)/g, " ")));
  const kept: string[] = [];
  for (const token of text.split(" ")) {
    if (CUT_TOKEN.test(token) || CUT_TOKEN.test(token.replace(/[.-]/g, ""))) break;
    kept.push(token);
  }
  const result = trimSeparators(kept.join(" "));
  return result.length > 0 ? result : null;
}

import { isNoiseBracket, isNoiseToken } from "./release-noise.ts";

/**
 * The release group of a file name: the leading "[Group]" of fansub releases (several tags in a row are
 * joined: "[Jumonji-Giri]_[F-B]_…"), a trailing "- GROUP" after the release brackets ("[1080p]_-_THORA"), a
 * trailing "[Group]" of names that start with the title ("Title - 031 - Name [Lunar]"), or the scene suffix
 * ("….x264-LOL"). Returns the name with the tags that are not part of the title removed.
 */
export interface GroupSplit {
  group: string | null;
  /** True when the name started with a group tag (fansub style: bare numbers are episodes). */
  leading: boolean;
  rest: string;
}

const LEADING = /^\s*\[+([^[\]]*)\][\s_.]*/;

/**
 * True when nothing but bracketed parts is left ("[Title][01] "): "[" up to the next "]" (a "[" inside
 * included), white space between. A loop rather than a replace and a test: it runs for every bracket of a
 * group-tagged name.
 */
export function onlyBrackets(text: string): boolean {
  let bracket = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) {
      const close = text.indexOf("]", i + 1);
      if (close === -1) return false;
      bracket = true;
      i = close;
    } else if (!(c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && /\s/.test(text[i]!)))) return false;
  }
  return bracket;
}

/** "37 [Group]_Title_-_37", "EvoBot.[Group]_Title": a file index or tag glued before an underscored group tag. */
const PREFIXED = /^[^\s[\]]{1,20}[\s.](?=\[([^[\]]+)\]_)/;

const CODEC_BEFORE = /[hx][. ]26[45]$/i;

/** A scene group word running to the end of the name, tested in place after the last dash. */
const GROUP_WORD_AT = /[a-z0-9]{2,20}$/iy;

export function splitReleaseGroup(name: string): GroupSplit {
  // The unanchored patterns below need a character the cheap `includes` checks look for first (LEADING is
  // anchored, so cheap anyway): the scan runs this once per file, and most names have no group tags at all.
  const prefixed = name.includes("]_") ? PREFIXED.exec(name) : null;
  let rest = prefixed && !isNoiseBracket(prefixed[1]!) ? name.slice(prefixed[0].length) : name;
  const groups: string[] = [];
  for (let m = LEADING.exec(rest); m !== null; m = LEADING.exec(rest)) {
    const after = rest.slice(m[0].length);
    // "[Group][Title][01][720p]": the brackets after the group are the title and the number, not more groups.
    if (groups.length > 0 && onlyBrackets(after)) break;
    // "[1x01] Pilot", "[S01E05] Name": a leading marker is not a group.
    if (/^s?\d+[xe]\d+/i.test(m[1]!.trim())) break;
    const content = m[1]!.trim();
    // "[Group][A Title In Words] 02 [720p]": a second bracket of several words (a first of four) is the title.
    const words = content.split(" ").length;
    if ((groups.length > 0 ? words >= 3 : words >= 4) && !isNoiseBracket(content)) {
      rest = `${content} ${after}`;
      break;
    }
    rest = after;
    if (content.length > 0 && !isNoiseBracket(content)) groups.push(content);
    if (groups.length === 2 || onlyBrackets(after)) break;
  }
  if (groups.length > 0) return { group: groups.join(" "), leading: true, rest };
  const bracketed = rest.includes("]") || rest.includes(")");
  const dashed =
    bracketed && rest.includes("-")
      ? /[[(]([^[\]()]*)[\])][\s_]*-[\s_]*([a-z][a-z&.-]{1,30})(?:\s?v\d)?\s*$/i.exec(rest)
      : null;
  if (dashed && isNoiseBracket(dashed[1]!))
    return { group: dashed[2]!, leading: false, rest: rest.slice(0, dashed.index) };
  const bracket = bracketed ? /\[([^[\]]{2,40})\]\s*$/.exec(rest) : null;
  if (bracket && bracket.index > 0 && !isNoiseBracket(bracket[1]!) && !/\d/.test(bracket[1]!))
    return { group: bracket[1]!.trim(), leading: false, rest: rest.slice(0, bracket.index) };
  // "….x264-LOL": the word after the last dash, when the word before it is release noise.
  const dash = rest.lastIndexOf("-");
  GROUP_WORD_AT.lastIndex = dash + 1;
  if (dash > 0 && GROUP_WORD_AT.test(rest)) {
    const group = rest.slice(dash + 1);
    const before = rest.slice(
      Math.max(0, rest.lastIndexOf(".", dash) + 1, rest.lastIndexOf(" ", dash) + 1),
      dash,
    );
    // "H.264-VARYG", "H 264-VARYG": a codec written with a dot or a space.
    const codec = isNoiseToken(before) || CODEC_BEFORE.test(rest.slice(Math.max(0, dash - 5), dash));
    if (codec && !isNoiseToken(group) && !isNoiseToken(`${before}-${group}`))
      return { group, leading: false, rest };
  }
  return { group: null, leading: false, rest };
}

/** "[Title][01] " → "Title - 01": the brackets become separators the markers understand. */
export function unwrapBrackets(text: string): string {
  return text
    .trim()
    .replace(/\[第?(\d{1,4}(?:[-~]\d{1,4})?)\s?(?:end|完|话|話|集)\]/gi, "[$1]")
    .replace(/\]\s*\[/g, " - ")
    .replace(/^\[|\]$/g, "")
    .trim();
}

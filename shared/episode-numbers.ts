import {
  type EpisodeMarker,
  type Finder,
  type FinderEntry,
  type MarkerContext,
  marker,
  num,
  pushEpisode,
  rangeOf,
  SEASON_DIGIT,
  SEASONED_FINDERS,
  versionOf,
} from "./episode-markers.ts";
import { cutAtNoise, isNoiseToken } from "./release-noise.ts";

/**
 * The markers tried after the seasoned ones (episode-markers.ts): "[Group] Title S2 05", "Episode 5" / "Ep05" /
 * "#957", anime "Title - 013" (ranges, batches), "[01]" / "(9)", scene "Title.103" (packed season + episode),
 * "Part 2" / "5of9", a leading or a trailing number, and last season packs ("Title.S01.1080p"). Numbers without
 * a season are read as episodes of a season folder or as absolute numbers.
 */

const DATE = /(?:19|20)\d{2}[\s.-](?:0[1-9]|1[0-2])[\s.-](?:0[1-9]|[12]\d|3[01])(?!\d)/;

const isYear = (s: string) => s.length === 4 && (s.startsWith("19") || s.startsWith("20"));

/**
 * "Episode 5", "Episódio 5", "Episodio 5", "Capítulo 5", "Session 05", "Ep 05", "Ep.05", "EP1", "E05", "e66",
 * "#957", "Folge 5", "Film 2", "ep. 1-5", "Episode 99-100".
 */
const episodeWord: Finder = (text, ctx) => {
  const m =
    /(?<![a-z0-9])(?:episode|[ée]pisode|epis[oó]dio|cap[ií]tulo|session|folge|film|movie|ova|oad|ep|e|#)[\s.]*(\d{1,5})(?:v(\d))?(?:\s?[-~&]\s?(?:ep?\s?)?(\d{1,5}))?(?![a-z0-9])/i.exec(
      text,
    );
  if (!m) return null;
  const found = marker(m, null, rangeOf(num(m[1]!), m[3]), 0.9, versionOf(m[2]));
  // Scene mini-series ("Mars.2016.E04.Power", "the-pacific-e07-720p"): season 1 unless a folder says otherwise.
  if (ctx.releaseStyle && !ctx.grouped && !ctx.underscored && /^e\d{2}$/i.test(m[0])) found.impliedSeason = 1;
  return found;
};

const DASH = /(\s?)[-–‒—]\s?(\d{1,4})(?:v(\d))?((?:-\d{1,4})+|\s?~\s?\d{1,4})?(?!\d)/g;

/**
 * Anime numbering after a dash: "Title - 013", "Title - 013 - Name", "Title - 09v2", "Title - 01-02",
 * "Title - 01 ~ 10", "Title-01". A number followed by a title word ("Fairy Tail - 100 Years Quest - 01") is
 * part of the title; the next dash number is tried.
 */
const dashNumber: Finder = (text) => {
  DASH.lastIndex = 0;
  for (let m = DASH.exec(text); m !== null; m = DASH.exec(text)) {
    const before = text[m.index - 1];
    // "009-1", "24-7": a dash between digits is part of the title.
    if (before === undefined || (m[1] === "" && (before === " " || /\d/.test(before)))) continue;
    const rest = text.slice(m.index + m[0].length);
    if (isYear(m[2]!)) continue;
    // "Title - 07.5 - Name": a half episode has no whole number, but it ends the title all the same.
    if (
      m[3] === undefined &&
      m[4] === undefined &&
      /^\.\d(?![\d.])/.test(rest) &&
      followsEpisode(rest.slice(2))
    ) {
      const half = marker(m, null, [], 0);
      half.end += 2;
      return half;
    }
    if (!followsEpisode(rest)) continue;
    const found = marker(m, null, [num(m[2]!)], 0.85, versionOf(m[3]));
    // "01-02-03", "01-12", "01 ~ 10": every dash or tilde continues a range.
    for (const n of (m[4] ?? "").matchAll(/\d{1,4}/g)) pushEpisode(found.numbers, num(n[0]), true);
    // "Title 01 - 119 [Batch]": a zero-padded number before the dash starts the range.
    const batch = /(?:^|\s)(0\d{1,3})\s?$/.exec(text.slice(0, m.index));
    if (batch && m[4] === undefined && num(batch[1]!) < found.numbers[0]!) {
      found.numbers = rangeOf(num(batch[1]!), m[2]);
      found.start = batch.index + batch[0].length - batch[0].trimStart().length;
    }
    return found;
  }
  return null;
};

/**
 * True when the text after a number lets it be an episode: the end, a dash, a bracket, release noise or "END"
 * (the last episode: "Title - 12 END").
 */
function followsEpisode(rest: string): boolean {
  const t = /^(\.?)(\s*)([^\s]*)/.exec(rest);
  if (!t || t[3] === "") return true;
  if (t[1] === "" && t[2] === "" && /^[a-z0-9]/i.test(t[3]!)) return false;
  const word = t[3]!.replace(/[)\]}]+$/, "");
  return /^[-–~([{]/.test(word) || isNoiseToken(word) || /^end$/i.test(word);
}

/** "[01]", "(9)", "{01}", "[20 of 25]", "(01-25)", "[12END]", "[第05话]", unbracketed "第01話" — never a year. */
const bracketNumber: Finder = (text) => {
  const re =
    /[[({]\s?第?(\d{1,4})(?:v(\d))?(?:\s?[-~]\s?(\d{1,4})|\s?of\s?\d{1,4})?\s?(?:end|完|话|話|集)?\s?[\])}]/gi;
  for (let m = re.exec(text); m !== null; m = re.exec(text))
    if (!isYear(m[1]!)) return marker(m, null, rangeOf(num(m[1]!), m[3]), 0.75, versionOf(m[2]));
  const counted = /第(\d{1,4})[话話集]/.exec(text);
  return counted ? marker(counted, null, [num(counted[1]!)], 0.85) : null;
};

const WORD_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** Mini-series: "Part01", "Part 2", "Part.Two", "5of9" = season 1 in scene names, absolute otherwise. */
const part: Finder = (text, ctx) => {
  const m =
    /(?<![a-z0-9])(?:(?:part|pt)\s?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)|(\d{1,3})\s?of\s?\d{1,3})(?![a-z0-9])/i.exec(
      text,
    );
  if (!m || m.index === 0) return null;
  const n = m[1] === undefined ? num(m[2]!) : WORD_NUMBERS.indexOf(m[1].toLowerCase()) + 1 || num(m[1]);
  const found = marker(m, null, [n], 0.6);
  if (ctx.releaseStyle || !ctx.grouped) found.impliedSeason = 1;
  return found;
};

const PACKED_EPISODE_LIMIT = 50;

/** Scene "Title.103.720p" = 1×03, "Title.1013" = 10×13, "Title.101.102" = 1×01+02, "Title.10708" = 1×07+08. */
const packed: Finder = (text, ctx) => {
  if (ctx.grouped || !ctx.releaseStyle) return null;
  const re = /(?<=\s)(\d{3,6})(?=$|[\s-])/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const digits = m[1]!;
    if (isYear(digits) || /^(?:480|576|720|1080|2160)$/.test(digits)) continue;
    // "H.264", "1080p.265": a number after a codec letter or release noise is not an episode.
    const prev = text.slice(0, m.index).trimEnd().split(" ").pop() ?? "";
    if (/^[hx]$/i.test(prev) || isNoiseToken(prev)) continue;
    const split = digits.length === 3 || digits.length === 5 ? 1 : 2;
    const season = num(digits.slice(0, split));
    const numbers = [num(digits.slice(split, split + 2))];
    if (digits.length > 4) pushEpisode(numbers, num(digits.slice(split + 2)), true);
    // "one.piece.1089.1080p": no season runs to 50 episodes, so that is an absolute number.
    if (numbers[0] === 0 || numbers[0]! >= PACKED_EPISODE_LIMIT) continue;
    const found = marker(m, season, numbers, 0.6);
    // "101.102": a second packed number of the same season.
    const next = /^ (\d{3,4})(?=$|[\s-])/.exec(text.slice(found.end));
    if (next && num(next[1]!.slice(0, next[1]!.length - 2)) === season) {
      pushEpisode(found.numbers, num(next[1]!.slice(-2)), true);
      found.end += next[0].length;
    }
    return found;
  }
  return null;
};

/** A name that starts with the number: "01", "013 - Name", "05v2", "01-02"; "11-02 Name" is 11×02. */
const leadingNumber: Finder = (text) => {
  const m = /^\s*(\d{1,4})(?:v(\d))?(?:-(\d{1,4}))?(?=$|[\s._-])/.exec(text);
  if (!m) return null;
  const first = num(m[1]!);
  const rest = text.slice(m[0].length);
  // "5 centimeters per second", "60.Minutes": a number (not zero-padded) that starts a phrase is a title.
  if (m[3] === undefined && /^ [a-z]/i.test(rest) && !(m[1]!.startsWith("0") && m[1]!.length > 1))
    return null;
  if (m[3] !== undefined && num(m[3]) < first && /^\s+[a-z]/i.test(rest))
    return marker(m, first, [num(m[3])], 0.6);
  return marker(m, null, rangeOf(first, m[3]), 0.6, versionOf(m[2]));
};

/**
 * "[Group] Title 13 [720p]", "[Group] Title 01.1080p", "[Group] Title 100 no Koto 05": the last free-standing number of a group-tagged
 * name (never a year). Without a group tag only a number followed by release noise counts, or a range, so
 * "Mob Psycho 100" stays a title.
 */
const trailingNumber: Finder = (text, ctx) => {
  const re =
    /(?<=\s|^)(\d{1,4})(?:\s?v(\d))?(?:\s?[-~]\s?(\d{1,4}))?(?=$|\s|\.(?:[a-z]|\d{3,4}[pi](?![a-z0-9])))/gi;
  let found: EpisodeMarker | null = null;
  // "Show.2024.01.31.Guest": the parts of a date are not episodes.
  const date = DATE.exec(text);
  // Numbers after the release noise starts ("720p WEB DL DD 5 1") are audio channels and the like.
  const limit = cutAtNoise(text).length;
  for (let m = re.exec(text); m !== null && m.index < limit; m = re.exec(text)) {
    if (m.index === 0 || isYear(m[1]!)) continue;
    if (date && m.index >= date.index && m.index < date.index + date[0].length) continue;
    // "Title Season 2", "Vol 3", "Kaiju No. 8": a season, volume or title number; "The Final Season 16" is an
    // episode of that season.
    if (
      /(?:(?<!final )season|staffel|saison|temporada|vol(?:ume)?|part|special|extra|(?<![a-z])no\.|(?<![a-z])s)\s?$/i.test(
        text.slice(Math.max(0, m.index - 16), m.index),
      )
    )
      continue;
    const rest = text.slice(m.index + m[0].length).trim();
    // "Kiddy Grade 2 - Pilot", "Rozen Maiden 3 - PV": a sequel number before an extra's type is the title's.
    if (/^[-–] (?:pilot|pv|preview|trailer|cm|menu|nc ?op|nc ?ed|op|ed)\b/i.test(rest)) continue;
    // Without a group tag: a range, a zero-padded number ("The.Title.08.Name"), one followed by noise, or one
    // ending a name that has a resolution, codec or source bracket ("Black Clover 170 [1080p]").
    const plain = m[3] === undefined && !(m[1]!.startsWith("0") && m[1]!.length > 1);
    if (!ctx.grouped && plain) {
      if (rest === "" ? m[1] === "0" || !ctx.sourceTagged() : !isNoiseToken(rest.split(/[\s.-]/)[0]!))
        continue;
    }
    found = marker(m, null, rangeOf(num(m[1]!), m[3]), ctx.grouped ? 0.6 : 0.5, versionOf(m[2]));
  }
  return found;
};

/** Season packs: "Title.S01.1080p", "Title Season 2", "Staffel 3", "[Group] Title S2" — a season, no episode. */
const seasonPack: Finder = (text) => {
  const m =
    /(?<![a-z0-9])(?:s ?(\d{1,2})(?:\s?-\s?s\d{1,2})?|(?<!final )(?:season|staffel|saison|temporada)\s?(\d{1,2}))(?![a-z0-9])/i.exec(
      text,
    );
  return m ? marker(m, num(m[1] ?? m[2]!), [], 0.7) : null;
};

/**
 * "[Group] Title S2 05 [1080p]", "Title S21 999": a season and an episode without a dash — in fansub names,
 * or when nothing but release noise follows.
 */
const seasonSpace: Finder = (text, ctx) => {
  const m = /(?<![a-z0-9])s(\d{1,2}) (\d{2,4})(?:v(\d))?(?![\da-z])/i.exec(text);
  if (!m || isYear(m[2]!)) return null;
  const rest = text.slice(m.index + m[0].length).trim();
  if (!ctx.grouped && rest !== "" && !isNoiseToken(rest.split(" ")[0]!)) return null;
  return marker(m, num(m[1]!), [num(m[2]!)], 0.7, versionOf(m[3]));
};

const FINDERS: readonly FinderEntry[] = [
  ...SEASONED_FINDERS,
  { find: seasonSpace, needs: SEASON_DIGIT },
  ...[episodeWord, dashNumber, bracketNumber, part, packed, leadingNumber, trailingNumber, seasonPack].map(
    (find) => ({ find, needs: null }),
  ),
];

export function findEpisodeMarker(text: string, ctx: MarkerContext): EpisodeMarker | null {
  // Neighbouring finders share a need ("s" and a digit): the last test's answer is kept.
  let tested: RegExp | null = null;
  let present = false;
  for (const { find, needs } of FINDERS) {
    if (needs !== null) {
      if (needs !== tested) {
        tested = needs;
        present = needs.test(text);
      }
      if (!present) continue;
    }
    const found = find(text, ctx);
    if (found) return found;
  }
  return null;
}

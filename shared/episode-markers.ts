/**
 * The episode markers that carry their own season: S01E01 and its scene variants, 1x01, "Season 1 Episode 2"
 * and its German/French/Spanish/Dutch forms, "Cap.408", anime "Title S2 - 05", "Part 2" / "5of9" mini-series.
 * Each finder reads a cleaned name (extension, language tag and noise brackets removed, separators spaced).
 */

export interface EpisodeMarker {
  season: number | null;
  numbers: number[];
  /** Absolute numbers written next to a seasoned marker ("S10E14 214"); otherwise empty. */
  absolute: number[];
  version: number | null;
  start: number;
  end: number;
  /** 0–1: how sure the reading is (an explicit S01E01 is surer than a bare trailing number). */
  confidence: number;
  /**
   * The season a mini-series marker implies ("Part 2", scene "Title.E04" = season 1) when no season folder or
   * release folder says otherwise.
   */
  impliedSeason?: number;
  /**
   * The season is a tag apart from the number ("Title S2 - 25", "Title 2nd Season - 25"): groups that count on
   * from earlier seasons write it so, where S02E25 always counts within the season.
   */
  seasonTag: boolean;
}

export interface MarkerContext {
  /** The name was written with dots or underscores for spaces (scene style). */
  releaseStyle: boolean;
  /** The name starts with a "[Group]" tag (fansub style). */
  grouped: boolean;
  /** The name used underscores for spaces (fansub style even without a group tag). */
  underscored: boolean;
  /**
   * Whether the name had a bracket naming its resolution, codec or source ("[1080p]", "(BD x265)"), not only a
   * CRC. A function: only a bare trailing number asks, so most names never pay for the look.
   */
  sourceTagged: () => boolean;
}

export type Finder = (text: string, ctx: MarkerContext) => EpisodeMarker | null;

/** Multi-episode spans longer than this are read as two separate numbers, not a range. */
export const MAX_RANGE = 200;

export const num = (s: string) => Number.parseInt(s, 10);
export const versionOf = (v: string | undefined) => (v === undefined ? null : num(v));

/** "-05" after 01 is the range 01…05; anything else is one more episode. */
export function pushEpisode(numbers: number[], n: number, range: boolean): void {
  const last = numbers[numbers.length - 1];
  if (range && last !== undefined && n > last && n - last <= MAX_RANGE)
    for (let i = last + 1; i <= n; i++) numbers.push(i);
  else if (!numbers.includes(n)) numbers.push(n);
}

export function rangeOf(first: number, last: string | undefined): number[] {
  const numbers = [first];
  if (last !== undefined) pushEpisode(numbers, num(last), true);
  return numbers;
}

export function marker(
  m: RegExpExecArray,
  season: number | null,
  numbers: number[],
  confidence: number,
  version: number | null = null,
  seasonTag = false,
): EpisodeMarker {
  return {
    season,
    numbers,
    absolute: [],
    version,
    start: m.index,
    end: m.index + m[0].length,
    confidence,
    seasonTag,
  };
}

/** Runs a global pattern and returns the first match `build` accepts. */
function scan(pattern: RegExp, build: (m: RegExpExecArray, text: string) => EpisodeMarker | null): Finder {
  const re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return (text) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const found = build(m, text);
      if (found) return found;
      re.lastIndex = m.index + 1;
    }
    return null;
  };
}

const SXE_TAIL =
  /\s?(?:(-|&|\+|to)\s?)?(?:s\d{1,4}\s?)?ep?\s?(\d{1,5})|(-)(\d{1,5})(?![\dpi])|\s?-\s?\d{1,4}x(\d{1,5})/giy;
// Sticky: they test the text at a position without slicing it (this runs once per file of a scan).
const WORD_AT = /[a-z0-9]/iy;
const NEXT_MARKER_AT = /s\d|ep?\d/iy;
// "S10E14 214", and Sonarr's anime naming "S01E01 - 001 - Name", "S01E01-E03 - 001-003 - Name" (the dashed
// one only before a dash, a bracket or the end).
const ABSOLUTE_AT = / (?:(\d{3,4})(?![\dpix])|- (\d{3,4})(?:-(\d{3,4}))?(?= - | ?\[|$))/y;
const matchesAt = (pattern: RegExp, text: string, at: number) => {
  pattern.lastIndex = at;
  return pattern.exec(text);
};

/** S01E01, S01E23a (a part letter), s01.e01, S01 - E01, S01EP01, S01 Ep 01, S1-E1, S010E16, S2009E09, S42 E10713, S01E01-E03, S01E01E02, S01E01 e02, S07E22 - S07E23. */
const sxe = scan(
  /(?<![a-z0-9])s(\d{1,4})(?:\s?[-.]\s?|\s)?ep?[\s.]?(\d{1,5})(?:v(\d)|[ab](?=[\s.]|$))?(?![a-df-z0-9]|e(?!p?\d))/gi,
  (m, text) => {
    const season = num(m[1]!);
    if (season > 3000) return null;
    const numbers = [num(m[2]!)];
    let end = m.index + m[0].length;
    SXE_TAIL.lastIndex = end;
    for (let t = SXE_TAIL.exec(text); t !== null; t = SXE_TAIL.exec(text)) {
      const at = SXE_TAIL.lastIndex;
      if (matchesAt(WORD_AT, text, at) && !matchesAt(NEXT_MARKER_AT, text, at)) break;
      const range = t[1] === "-" || t[1] === "to" || t[3] === "-";
      pushEpisode(numbers, num(t[2] ?? t[4] ?? t[5]!), range);
      end = SXE_TAIL.lastIndex;
    }
    const found = marker(m, season, numbers, 0.97, versionOf(m[3]));
    found.end = end;
    // "S10E14 214", "S01E01.001", "S01E01 - 001": absolute numbers written right after the seasoned ones.
    const abs = matchesAt(ABSOLUTE_AT, text, end);
    if (abs) {
      found.absolute = rangeOf(num(abs[1] ?? abs[2]!), abs[3]);
      found.end += abs[0].length;
    }
    return found;
  },
);

/** "grp-zoos01e11-1080p": the marker glued to the word before it (two-digit season only). */
const gluedSxe = scan(/(?<=[a-z])s(\d{2})e(\d{2,4})(?:e(\d{2,4}))?(?![a-z0-9])/gi, (m) => {
  const numbers = [num(m[2]!)];
  if (m[3]) pushEpisode(numbers, num(m[3]), false);
  return marker(m, num(m[1]!), numbers, 0.8);
});

const NXN_TAIL = /(?:[-_]|\s?[-&]\s?)(?:(\d{1,4})x)?x?(\d{1,4})|\s(\d{1,4})x(\d{1,4})|x(\d{1,4})/giy;

/** 1x01, [1x01], 1x1, 2x9-2x10, 1x01-x03, 2x04x05, 8x01_02, 2009x09, 2013x15 - 2013x16 (not 1920x1080, not "3x3 Eyes"). */
const nxn = scan(/(?<![a-z0-9])(\d{1,4})x(\d{1,4})(?:v(\d))?(?![a-wyz0-9]|x(?!\d))/gi, (m, text) => {
  const season = num(m[1]!);
  const first = num(m[2]!);
  if (season >= 200 && first >= 240) return null; // a resolution
  if (m[2]!.length === 1 && m.index === 0 && /^ [a-z]/i.test(text.slice(m[0].length))) return null;
  const numbers = [first];
  let end = m.index + m[0].length;
  NXN_TAIL.lastIndex = end;
  for (let t = NXN_TAIL.exec(text); t !== null; t = NXN_TAIL.exec(text)) {
    const after = text[NXN_TAIL.lastIndex];
    if (after !== undefined && /[a-z0-9]/i.test(after)) break;
    if ((t[1] ?? t[3]) !== undefined && num((t[1] ?? t[3])!) !== season) break;
    // "- 05" after "1x04" is a range only with the season repeated or glued ("1x04-05", "1x04 - 1x05").
    if (t[2] !== undefined && t[1] === undefined && /\s/.test(t[0]) && !t[0].includes("x")) break;
    pushEpisode(numbers, num(t[2] ?? t[4] ?? t[5]!), t[0].includes("-"));
    end = NXN_TAIL.lastIndex;
  }
  const found = marker(m, season, numbers, 0.95, versionOf(m[3]));
  found.end = end;
  return found;
});

/** "Season 1 Episode 2", "Staffel 1 Folge 2", "Saison 1 Épisode 2", "Temporada 1 Capitulo 2", "Season.3.Ep.04", "Se.1 afl.2-3-4". */
const words = scan(
  /(?<![a-z0-9])(?:season|staffel|saison|temporada|seizoen|se)[\s.-]*(\d{1,4})[\s.,-]*(?:episode|[ée]pisode|episodio|folge|cap[ií]tulo|cap|afl(?:evering)?|ep|e)[\s.-]*(\d{1,4})(?:v(\d))?((?:\s?[-&]\s?\d{1,4})*)(?![a-z0-9])/gi,
  (m) => {
    const numbers = [num(m[2]!)];
    for (const t of (m[4] ?? "").matchAll(/([-&])\s?(\d{1,4})/g))
      pushEpisode(numbers, num(t[2]!), t[1] === "-");
    return marker(m, num(m[1]!), numbers, 0.95, versionOf(m[3]));
  },
);

/** "2nd Season 24", "2nd Season - 00", "(Season 2) - 33", "[Season 2] - 05", "Season 2 - 05". */
const ordinalSeason = scan(
  /(?<![a-z0-9])(?:(\d{1,2})(?:st|nd|rd|th)[\s.]+season|[([]?season[\s.]*(\d{1,2})(?!\d)[)\]]?)[\s.]*-?[\s.]*(\d{1,4})(?:v(\d))?(?![a-z0-9.])/gi,
  (m) => marker(m, num(m[1] ?? m[2]!), [num(m[3]!)], 0.85, versionOf(m[4]), true),
);

/** Spanish releases: "Cap.408" = season 4 episode 8, "Cap.1901" = 19×01, "Cap.111_120" = 1×11…1×20. */
const cap = scan(/(?<![a-z0-9])cap[\s.]?(\d{1,2})(\d{2})(?:[_-](\d{1,2})(\d{2}))?(?![\d])/gi, (m) => {
  const numbers = [num(m[2]!)];
  if (m[4] !== undefined && num(m[3]!) === num(m[1]!)) pushEpisode(numbers, num(m[4]), true);
  return marker(m, num(m[1]!), numbers, 0.9);
});

/** Anime season releases: "[Group] Title S2 - 05 (1080p)", "Title S03 - EP14", "Title S2 [05]". */
const seasonDash = scan(
  /(?<![a-z0-9])s(\d{1,2})(?:\s?-\s?(?:ep(?:isode)?\.?\s?)?(\d{1,4})(?:v(\d))?(?:\s?[-~]\s?(\d{1,4}))?|\s\[(\d{1,4})\])(?![a-z0-9.])/gi,
  (m) => marker(m, num(m[1]!), rangeOf(num(m[2] ?? m[5]!), m[4]), 0.9, versionOf(m[3]), true),
);

/**
 * A finder and a pattern its text must contain for it to match at all ("s" and a digit for S01E01): a test far
 * cheaper than the finder's own pattern, which lets most names skip most finders.
 */
export interface FinderEntry {
  find: Finder;
  needs: RegExp | null;
}

export const SEASON_DIGIT = /s\d/i;

export const SEASONED_FINDERS: readonly FinderEntry[] = [
  // S01E01 comes first and usually matches: a test before it would mostly be paid for nothing.
  { find: sxe, needs: null },
  { find: nxn, needs: /\dx\d/i },
  { find: words, needs: null },
  { find: ordinalSeason, needs: /season/i },
  { find: cap, needs: /cap/i },
  { find: seasonDash, needs: SEASON_DIGIT },
  { find: gluedSxe, needs: SEASON_DIGIT },
];

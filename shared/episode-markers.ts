/**
 * Finds the episode marker in a cleaned file name (extension, language tag and noise brackets removed).
 * Patterns are tried in order; the first that matches wins. `seasoned` markers carry their own season;
 * the others give bare numbers, which the parser treats as episodes of a season folder or as absolute numbers.
 */
export interface EpisodeMarker {
  season: number | null;
  numbers: number[];
  version: number | null;
  start: number;
  end: number;
}

/** Multi-episode spans longer than this are read as two separate numbers, not a range. */
const MAX_RANGE = 200;

const num = (s: string) => Number.parseInt(s, 10);

/** Expands the tail after the first number: "-E03" / "-03" are ranges, "E02" / "x02" add one episode. */
function expandTail(first: number, tail: string, token: RegExp): number[] {
  const numbers = [first];
  for (const m of tail.matchAll(token)) {
    const n = num(m[2]!);
    const last = numbers[numbers.length - 1]!;
    if (m[1] === "-" && n > last && n - last <= MAX_RANGE)
      for (let i = last + 1; i <= n; i++) numbers.push(i);
    else if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

type Finder = (text: string) => EpisodeMarker | null;

function finder(
  pattern: RegExp,
  build: (m: RegExpExecArray) => Omit<EpisodeMarker, "start" | "end"> | null,
): Finder {
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  return (text) => {
    const m = re.exec(text);
    if (!m) return null;
    const built = build(m);
    return built ? { ...built, start: m.index, end: m.index + m[0].length } : null;
  };
}

const version = (v: string | undefined) => (v === undefined ? null : num(v));

/** S01E01, s01.e01, S01 - E01, S01 E01, S01E001, S01E09v2, S01E01-E03, S01E01E02, S01E01-03. */
const sxe = finder(
  /(?<![a-z0-9])s(\d{1,4})[\s._-]{0,3}e(\d{1,4})(?:v(\d))?((?:\s?-\s?e\d{1,4}(?:v\d)?|[._]?e\d{1,4}(?:v\d)?|-\d{1,4}(?:v\d)?(?![\dp]))*)(?![a-z0-9])/i,
  (m) => ({
    season: num(m[1]!),
    numbers: expandTail(num(m[2]!), m[4] ?? "", /(-)?\s?[._]?e?(\d{1,4})(?:v\d)?/gi),
    version: version(m[3]),
  }),
);

/** 1x01, [1x01], 1x01-1x02, 1x01-02, 1x01x02 (two- to four-digit episode, so "3x3 Eyes" stays a title). */
const nxn = finder(
  /(?<![a-z0-9])(\d{1,2})x(\d{2,4})(?:v(\d))?((?:-(?:\d{1,2}x)?\d{2,4}(?:v\d)?|x\d{2,4}(?:v\d)?)*)(?![a-z0-9])/i,
  (m) => ({
    season: num(m[1]!),
    numbers: expandTail(num(m[2]!), m[4] ?? "", /(-|x)(?:\d{1,2}x)?(\d{2,4})(?:v\d)?/gi),
    version: version(m[3]),
  }),
);

/** "Season 1 Episode 2", "Staffel 1 Folge 2", "Season 2 Ep 5". */
const words = finder(
  /(?<![a-z0-9])(?:season|staffel|saison)[\s._-]*(\d{1,4})[\s._-]*(?:episode|folge|ep|e)[\s._-]*(\d{1,4})(?:v(\d))?(?![a-z0-9])/i,
  (m) => ({ season: num(m[1]!), numbers: [num(m[2]!)], version: version(m[3]) }),
);

/** Anime season releases: "[Group] Title S2 - 05 (1080p)". */
const seasonDash = finder(/(?<![a-z0-9])s(\d{1,2})[\s._]*-[\s._]*(\d{1,4})(?:v(\d))?(?![a-z0-9])/i, (m) => ({
  season: num(m[1]!),
  numbers: [num(m[2]!)],
  version: version(m[3]),
}));

/** "Episode 5", "Ep 05", "Ep.05", "E05", "Folge 5", "Film 2" without a season. */
const episodeWord = finder(
  /(?<![a-z0-9])(?:(?:episode|folge|film|ep)[\s._]*|e)(\d{1,4})(?:v(\d))?(?:-(?:e|ep)?(\d{1,4}))?(?![a-z0-9])/i,
  (m) => ({ season: null, numbers: rangeOf(num(m[1]!), m[3]), version: version(m[2]) }),
);

/** Anime absolute numbering: "Title - 013", "Title - 013 - Name", "Title - 09v2", "Title - 01-02". */
const dashNumber = finder(/(?<=\S)\s[-–]\s*(\d{1,4})(?:v(\d))?(?:-(\d{1,4}))?(?=$|[\s[(._])/, (m) => ({
  season: null,
  numbers: rangeOf(num(m[1]!), m[3]),
  version: version(m[2]),
}));

/** A name that starts with the number: "01.mkv", "013 - Name", "05v2". */
const leadingNumber = finder(/^\s*(\d{1,4})(?:v(\d))?(?:-(\d{1,4}))?(?=$|[\s._-])/, (m) => ({
  season: null,
  numbers: rangeOf(num(m[1]!), m[3]),
  version: version(m[2]),
}));

/** "[Group] Title 13 [720p]": a trailing number, only for group-tagged releases, never a year. */
const groupTrailing: Finder = (text) => {
  if (!text.trimStart().startsWith("[")) return null;
  const m = /\s(\d{1,4})(?:v(\d))?\s*$/.exec(text);
  if (!m) return null;
  const n = num(m[1]!);
  if (n >= 1900 && n <= 2099) return null;
  return { season: null, numbers: [n], version: version(m[2]), start: m.index, end: text.length };
};

function rangeOf(first: number, last: string | undefined): number[] {
  if (last === undefined) return [first];
  const end = num(last);
  if (end <= first || end - first > MAX_RANGE) return [first, end];
  return Array.from({ length: end - first + 1 }, (_, i) => first + i);
}

const FINDERS: readonly Finder[] = [
  sxe,
  nxn,
  words,
  seasonDash,
  episodeWord,
  dashNumber,
  leadingNumber,
  groupTrailing,
];

export function findEpisodeMarker(text: string): EpisodeMarker | null {
  for (const find of FINDERS) {
    const found = find(text);
    if (found) return found;
  }
  return null;
}

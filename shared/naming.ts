/**
 * Episode file naming from a user template (settings.namingTemplate). Pure: runs in the browser for the
 * settings preview and on the server for downloads. The template is relative to the series folder, uses "/"
 * between folders, and never receives a separator from data: each segment is rendered and sanitised alone.
 */
import { LANGUAGE_LABELS, type Language } from "./languages.ts";

export const NAMING_PLACEHOLDERS = [
  "series",
  "year",
  "season",
  "season:00",
  "episode",
  "episode:00",
  "episode:000",
  "title",
  "language",
  "imdbid",
  "tmdbid",
  "catalogkey",
] as const;
export type NamingPlaceholder = (typeof NAMING_PLACEHOLDERS)[number];

export interface NamingValues {
  series: string;
  year: number | null;
  season: number;
  episode: number;
  /** Episode title (German preferred by the caller); empty or null drops it and its separator. */
  title: string | null;
  language: Language | null;
  imdbId: string | null;
  tmdbId: number | null;
  catalogKey: string;
}

/** Bytes per path segment before the extension; leaves room for ".part", "-thumb.jpg", ".nfo" under 255. */
export const MAX_SEGMENT_BYTES = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export type TemplateCheck = { ok: true } | { ok: false; errors: string[] };

/** Checks a template: known placeholders only, balanced braces, relative, unique per episode. */
export function validateTemplate(template: string): TemplateCheck {
  const errors: string[] = [];
  if (template.trim() === "") errors.push("the template is empty");
  if (template.includes("\\")) errors.push('use "/" between folders, not "\\"');
  if (template.startsWith("/")) errors.push("the template must be relative to the series folder");
  const segments = template.split("/");
  if (segments.some((s) => s.trim() === "")) errors.push("the template has an empty folder name");
  if (segments.some((s) => s.trim() === ".." || s.trim() === "."))
    errors.push('"." and ".." are not allowed as folder names');
  const stripped = template.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
    if (!(NAMING_PLACEHOLDERS as readonly string[]).includes(name.toLowerCase()))
      errors.push(`unknown placeholder {${name}}`);
    return "";
  });
  if (/[{}]/.test(stripped)) errors.push("unbalanced { or }");
  const lower = template.toLowerCase();
  if (!/\{episode(:0+)?\}/.test(lower)) errors.push("the template needs {episode} (or {episode:00})");
  if (!/\{season(:0+)?\}/.test(lower)) errors.push("the template needs {season} (or {season:00})");
  return errors.length ? { ok: false, errors: [...new Set(errors)] } : { ok: true };
}

/**
 * Renders the path (folders + file name, without extension) relative to the series folder. Throws on an
 * invalid template; callers validate first when the template comes from a user.
 */
export function renderEpisodePath(template: string, values: NamingValues): string {
  const check = validateTemplate(template);
  if (!check.ok) throw new Error(`invalid naming template: ${check.errors.join("; ")}`);
  const segments = template.split("/");
  return segments
    .map((segment, i) => {
      const isFolder = i < segments.length - 1;
      // Season 0 holds films and specials; Jellyfin, Plex and Kodi all read a "Specials" folder.
      if (isFolder && values.season === 0 && /\{season(:0+)?\}/i.test(segment)) return "Specials";
      return renderSegment(segment, values);
    })
    .join("/");
}

/**
 * One segment within MAX_SEGMENT_BYTES. A long segment gives up bytes from its free text only (episode
 * title first, then the series title, then the catalogue key), so the numbers and the language that tell
 * two episodes apart always survive.
 */
function renderSegment(segment: string, values: NamingValues): string {
  let v = values;
  const overBy = () => utf8Length(cleanSegment(tidy(fill(segment, v)))) - MAX_SEGMENT_BYTES;
  for (const key of ["title", "series", "catalogKey"] as const) {
    // Each round removes at least the excess; a placeholder used twice converges in a few rounds.
    for (let round = 0; round < 8; round++) {
      const over = overBy();
      const text = v[key] ?? "";
      if (over <= 0 || text === "") break;
      v = { ...v, [key]: truncateUtf8(text, utf8Length(text) - over).trimEnd() };
    }
  }
  return sanitizeSegment(tidy(fill(segment, v)), v.episode);
}

function fill(segment: string, values: NamingValues): string {
  return segment.replace(/\{([^{}]*)\}/g, (_m, raw: string) => {
    const value = placeholderValue(raw.toLowerCase() as NamingPlaceholder, values);
    // Data never brings separators: a title like "Fate/Zero" stays one segment.
    return value.replace(/[/\\]+/g, "-");
  });
}

function placeholderValue(name: NamingPlaceholder, v: NamingValues): string {
  switch (name) {
    case "series":
      return v.series;
    case "year":
      return v.year === null ? "" : String(v.year);
    case "season":
      return String(v.season);
    case "season:00":
      return pad(v.season, 2);
    case "episode":
      return String(v.episode);
    case "episode:00":
      return pad(v.episode, 2);
    case "episode:000":
      return pad(v.episode, 3);
    case "title":
      return v.title ?? "";
    case "language":
      return v.language ? LANGUAGE_LABELS[v.language] : "";
    case "imdbid":
      return v.imdbId ?? "";
    case "tmdbid":
      return v.tmdbId === null ? "" : String(v.tmdbId);
    case "catalogkey":
      return v.catalogKey.replace(/:/g, "-");
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** "S01E05": how an episode is named in messages, lists and feeds; "S01E05-E07" with a last episode. */
export function episodeCode(season: number, episode: number, lastEpisode = episode): string {
  const range = lastEpisode === episode ? "" : `-E${pad(lastEpisode, 2)}`;
  return `S${pad(season, 2)}E${pad(episode, 2)}${range}`;
}

/** Drops what an empty placeholder leaves behind: "()", "[imdbid-]", dangling " - ". */
function tidy(text: string): string {
  return text
    .replace(/\[(?:imdbid|tmdbid)-\]/gi, "")
    .replace(/\(\s*\)|\[\s*\]/g, "")
    .replace(/(\s+-)+\s*$/g, "")
    .replace(/^\s*(-\s+)+/g, "")
    .replace(/\s+-\s+-\s+/g, " - ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * Makes one path segment safe on every file system: no separators or reserved characters, no control
 * characters, no bidi or zero-width characters, no leading dots (hidden files; also rules out ".."), no
 * trailing dots or spaces, no reserved Windows device names, at most MAX_SEGMENT_BYTES bytes of UTF-8.
 */
export function sanitizeSegment(raw: string, fallbackNumber = 0): string {
  let s = cleanSegment(raw);
  if (WINDOWS_RESERVED.test(s)) s = `${s}_`;
  s = truncateUtf8(s, MAX_SEGMENT_BYTES).replace(/[.\s]+$/, "");
  return s === "" ? `Episode ${fallbackNumber}` : s;
}

/**
 * Bidirectional controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) can make "evil\u202Evkm.exe" look
 * like another name; zero-width characters (U+200B–200D, U+2060, U+FEFF, U+180E) and the soft hyphen hide
 * differences between names. None of them belongs in a file name.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** sanitizeSegment without the length cut and the fallback name. */
function cleanSegment(raw: string): string {
  return (
    raw
      .normalize("NFC")
      .replace(INVISIBLE, "")
      .replace(/: /g, " - ")
      .replace(/:/g, "-")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
      .replace(/[<>"/\\|?*\u0000-\u001f\u007f]/g, "")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^[.\s]+/, "")
      .replace(/[.\s]+$/, "")
  );
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = "";
  let used = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

export const SAMPLE_NAMING_VALUES: NamingValues = {
  series: "Frieren: Beyond Journey's End",
  year: 2023,
  season: 1,
  episode: 5,
  title: "Phantoms of the Dead",
  language: "de",
  imdbId: "tt22248376",
  tmdbId: 209867,
  catalogKey: "aniworld:frieren-beyond-journeys-end",
};

/** For the settings page: the rendered sample (with extension) or the template's errors. */
export function previewName(
  template: string,
  sample: NamingValues = SAMPLE_NAMING_VALUES,
  extension = ".mkv",
): { ok: true; path: string } | { ok: false; errors: string[] } {
  const check = validateTemplate(template);
  if (!check.ok) return check;
  return { ok: true, path: `${renderEpisodePath(template, sample)}${extension}` };
}

/** Placeholders a series folder template may use: what is known of a series before its episodes. */
export const FOLDER_PLACEHOLDERS = ["series", "year", "imdbid", "tmdbid"] as const;

/** Checks a series folder template: one folder name, known placeholders, and the series title in it. */
export function validateFolderTemplate(template: string): TemplateCheck {
  const errors: string[] = [];
  if (template.trim() === "") errors.push("the folder template is empty");
  if (/[/\\]/.test(template)) errors.push("the folder template is one folder name: no / or \\");
  const stripped = template.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
    if (!(FOLDER_PLACEHOLDERS as readonly string[]).includes(name.toLowerCase()))
      errors.push(
        `unknown placeholder {${name}} (use ${FOLDER_PLACEHOLDERS.map((p) => `{${p}}`).join(" ")})`,
      );
    return "";
  });
  if (/[{}]/.test(stripped)) errors.push("unbalanced { or }");
  if (!/\{series\}/i.test(template)) errors.push("the folder template needs {series}");
  return errors.length ? { ok: false, errors: [...new Set(errors)] } : { ok: true };
}

/**
 * The series folder name from the same values episode names use, so folder and files agree
 * ("Blue Dragons (2020)/Season 01/Blue Dragons - S01E01 - …"). Throws on an invalid template.
 */
export function renderSeriesFolder(
  template: string,
  values: Pick<NamingValues, "series" | "year" | "imdbId" | "tmdbId">,
): string {
  const check = validateFolderTemplate(template);
  if (!check.ok) throw new Error(`invalid folder template: ${check.errors.join("; ")}`);
  const filled = template.replace(/\{([^{}]*)\}/g, (_m, raw: string) => {
    const name = raw.toLowerCase();
    const value =
      name === "series"
        ? values.series
        : name === "year"
          ? (values.year?.toString() ?? "")
          : name === "imdbid"
            ? (values.imdbId ?? "")
            : (values.tmdbId?.toString() ?? "");
    return value.replace(/[/\\]+/g, "-");
  });
  return sanitizeSegment(tidy(filled), 0).replace(/^Episode 0$/, "Series");
}

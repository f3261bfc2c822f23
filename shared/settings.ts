import * as v from "valibot";
import { DEFAULT_LANGUAGE_ORDER, LanguageSchema } from "./languages.ts";
import { validateFolderTemplate, validateTemplate } from "./naming.ts";

/** Intervals become timers: a bound keeps them meaningful (the schedulers chain timers for long waits). */
export const MAX_INTERVAL_MINUTES = 365 * 24 * 60;

/**
 * Every user setting with its default. Stored per key in the settings table; `settings.update` takes a
 * partial object validated by SettingsPatchSchema. Capabilities add their keys here.
 */
export const SettingsSchema = v.object({
  /** TMDB v3 API key or v4 read-access token; empty = catalogue-only metadata. */
  tmdbApiKey: v.optional(v.pipe(v.string(), v.maxLength(512)), ""),
  /** Metadata language for TMDB (e.g. "de-DE"); English is the fallback. */
  metadataLanguage: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2}(-[A-Z]{2})?$/, "like de-DE")), "de-DE"),
  /** Preferred languages in order, for downloads and "missing". */
  languages: v.optional(v.pipe(v.array(LanguageSchema), v.minLength(1)), [...DEFAULT_LANGUAGE_ORDER]),
  /** "preferred": missing = not on disk and available in a preferred language; "any": listed at all. */
  missingMode: v.optional(v.picklist(["preferred", "any"]), "any"),
  /** Hosters in preference order; unknown hosters come after these. */
  hosterOrder: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.trim(),
          v.minLength(1, "a hoster name is empty"),
          v.maxLength(40, "a hoster name has at most 40 characters"),
        ),
      ),
      v.check(
        (list) => new Set(list.map((h) => h.toLowerCase())).size === list.length,
        "each hoster may appear only once",
      ),
    ),
    ["VOE", "Filemoon", "Vidmoly", "LoadX", "Luluvdo", "Doodstream", "SpeedFiles", "Vidoza"],
  ),
  loaderConcurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(32)), 5),
  downloadConcurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8)), 2),
  /** Global download limit in bytes per second; 0 = unlimited. */
  bandwidthLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10 * 1024 ** 3)), 0),
  /** Requests per second (token bucket) per provider host. */
  catalogRatePerSecond: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(1000)), 1),
  tmdbRatePerSecond: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(1000)), 40),
  /** Episode file name template, relative to the series folder (placeholders: see shared/naming). */
  namingTemplate: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1),
      v.maxLength(300),
      v.check(
        (t) => validateTemplate(t).ok,
        (issue) => templateErrors(validateTemplate(String(issue.input))),
      ),
    ),
    "Season {season:00}/{series} - S{season:00}E{episode:00} - {title} [{language}]",
  ),
  /** Name of a new series' folder under the library root; the same {series} and {year} as the files. */
  folderTemplate: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(200),
      v.check(
        (t) => validateFolderTemplate(t).ok,
        (issue) => templateErrors(validateFolderTemplate(String(issue.input))),
      ),
    ),
    "{series} ({year})",
  ),
  /** FlareSolverr base URL (e.g. http://127.0.0.1:8191) to get past challenges; "" = ANIWORLD_FLARESOLVERR_URL. */
  flaresolverrUrl: v.optional(
    v.union([v.literal(""), v.pipe(v.string(), v.maxLength(2000), v.url("must be a URL"))]),
    "",
  ),
  /** Outbound proxy for provider traffic (http://, https:// or socks5://); "" = ANIWORLD_PROXY_URL. */
  proxyUrl: v.optional(
    v.union([
      v.literal(""),
      v.pipe(
        v.string(),
        v.maxLength(2000),
        v.regex(/^(https?|socks5h?):\/\/[^\s]+$/i, "an http://, https:// or socks5:// proxy URL"),
      ),
    ]),
    "",
  ),
  scanOnStart: v.optional(v.boolean(), true),
  /** Minutes between full library scans; 0 = off; at most a year. */
  scanIntervalMinutes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_INTERVAL_MINUTES)),
    360,
  ),
  /** Minutes between checks of monitored series for new episodes; 0 = off; at most a year. */
  monitorIntervalMinutes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_INTERVAL_MINUTES)),
    360,
  ),
  /** Hours between automatic database backups into <data-dir>/backups; 0 = off; at most a year. */
  backupIntervalHours: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_INTERVAL_MINUTES / 60)),
    24,
  ),
  /** Backups kept; older ones are deleted after each new one. */
  backupKeep: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 7),
});
function templateErrors(check: { ok: true } | { ok: false; errors: string[] }): string {
  return check.ok ? "" : check.errors.join("; ");
}

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const SettingsPatchSchema = v.partial(v.object(SettingsSchema.entries));
export type SettingsPatch = v.InferInput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** What checking a TMDB key on save found: refused keys are not saved; unreachable TMDB saves unchecked. */
export interface TmdbKeyCheck {
  status: "valid" | "unchecked";
  message: string;
}

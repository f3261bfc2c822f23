import * as v from "valibot";
import { DEFAULT_SETTINGS, type SettingsPatch, SettingsPatchSchema } from "../../../../shared/settings.ts";

/** What each setting is called on the page, for messages that name the field the user sees. */
export const SETTING_LABELS: Record<string, string> = {
  tmdbApiKey: "TMDB key",
  metadataLanguage: "Metadata language",
  languages: "Preferred languages",
  missingMode: "Missing episodes",
  hosterOrder: "Hoster order",
  loaderConcurrency: "Series loaded at the same time",
  downloadConcurrency: "Downloads at the same time",
  bandwidthLimit: "Bandwidth limit",
  catalogRatePerSecond: "Catalogue requests per second",
  tmdbRatePerSecond: "TMDB requests per second",
  namingTemplate: "Episode file name template",
  folderTemplate: "Series folder template",
  flaresolverrUrl: "FlareSolverr URL",
  proxyUrl: "Outbound proxy",
  scanOnStart: "Scan on start",
  scanIntervalMinutes: "Library scan interval",
  monitorIntervalMinutes: "Monitor check interval",
  backupIntervalHours: "Backup interval",
  backupKeep: "Backups kept",
};

export type FieldErrors = Partial<Record<string, string[]>>;

/** The top-level setting an issue path like "hosterOrder.2" belongs to. */
export function settingOf(path: string): string {
  return path.split(".")[0] ?? "";
}

/** Problems per setting, checked with the same schema the server uses; empty when the patch is valid. */
export function checkPatch(patch: SettingsPatch): FieldErrors {
  const parsed = v.safeParse(SettingsPatchSchema, patch);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.issues) {
    const key = settingOf((issue.path ?? []).map((p) => String(p.key)).join("."));
    const list = errors[key] ?? [];
    const message = humanIssue(issue);
    if (!list.includes(message)) list.push(message);
    errors[key] = list;
  }
  return errors;
}

/** valibot's built-in messages ("Invalid type: Expected number but received NaN") in plain words. */
function humanIssue(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case "number":
      return "enter a number";
    case "integer":
      return "enter a whole number";
    case "min_value":
      return `enter at least ${String(issue.requirement)}`;
    case "max_value":
      return `enter at most ${String(issue.requirement)}`;
    default:
      return issue.message;
  }
}

/** Field problems as the server reported them, grouped like checkPatch's. */
export function groupIssues(issues: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = settingOf(issue.path);
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return errors;
}

/** "Hoster order: each hoster may appear only once" — for the summary above the Save button. */
export function describeErrors(errors: FieldErrors): string[] {
  return Object.entries(errors).flatMap(([key, messages]) =>
    (messages ?? []).map((m) => `${SETTING_LABELS[key] ?? key}: ${m}`),
  );
}

/** Hosters offered in the order editor: the known ones plus any the user typed, each once. */
export function hosterOptions(...lists: readonly (readonly string[])[]): string[] {
  return uniqueHosters([...lists.flat(), ...DEFAULT_SETTINGS.hosterOrder]);
}

/** Case-insensitive de-duplication that keeps the first spelling and order; blanks are dropped. */
export function uniqueHosters(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const name = raw.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

import { failedAttempts } from "../../../shared/downloads.ts";
import { LANGUAGE_LABELS, type Language } from "../../../shared/languages.ts";
import { episodeCode } from "../../../shared/naming.ts";
import type { Download } from "./downloads-queries.ts";

/** "Blue Dragons · S01E05" */
export function episodeName(d: Pick<Download, "seriesTitle" | "season" | "episode">): string {
  return `${d.seriesTitle} · ${episodeCode(d.season, d.episode)}`;
}

/** "German Sub · VOE · 2 failed tries": only the parts that are known, so no separator dangles. */
export function sourceLine(d: Pick<Download, "language" | "hoster" | "attemptLog">): string {
  const failed = failedAttempts(d.attemptLog).length;
  return [
    d.language ? LANGUAGE_LABELS[d.language] : null,
    d.hoster,
    failed ? `${failed} failed ${failed === 1 ? "try" : "tries"}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** "German Dub, German Sub" from language codes (unknown codes as they are). */
export function languageText(codes: readonly string[]): string {
  return codes.map((c) => LANGUAGE_LABELS[c as Language] ?? c).join(", ") || "–";
}

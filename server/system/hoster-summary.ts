import type { HosterSummary } from "../../shared/diagnostics.ts";
import type { AttemptRecord } from "../../shared/downloads.ts";

/** Groups recent attempts (newest first) per hoster: which hosters work today, and why the others fail. */
export function summarizeHosters(attempts: readonly AttemptRecord[]): HosterSummary[] {
  const byHoster = new Map<string, HosterSummary>();
  for (const a of attempts) {
    if (!a.hoster || a.hoster === "-" || a.hoster === "catalogue") continue;
    const ok = a.ok === true;
    let s = byHoster.get(a.hoster);
    if (!s) {
      s = {
        hoster: a.hoster,
        successes: 0,
        failures: 0,
        lastAt: a.at,
        lastOk: ok,
        lastError: null,
        lastReason: null,
      };
      byHoster.set(a.hoster, s);
    }
    if (ok) s.successes++;
    else {
      s.failures++;
      if (s.lastError === null) {
        s.lastError = a.error;
        s.lastReason = a.reason ?? null;
      }
    }
  }
  return [...byHoster.values()].sort((a, b) => b.lastAt - a.lastAt);
}

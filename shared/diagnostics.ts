/** What the connection check (System → Health, `aniworld doctor`) reports: one line per thing checked. */
export const CHECK_STATUSES = ["ok", "warn", "fail"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckResult {
  /** Stable id, e.g. "catalogue", "flaresolverr", "hoster:voe.sx". */
  id: string;
  label: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it; null when nothing needs doing. */
  advice: string | null;
}

/** The last results per hoster (System → Providers). */
export interface HosterSummary {
  hoster: string;
  successes: number;
  failures: number;
  lastAt: number;
  lastOk: boolean;
  /** The last failure's message and short reason, if any failed. */
  lastError: string | null;
  lastReason: string | null;
}

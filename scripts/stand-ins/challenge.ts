/**
 * The catalogue stand-in's challenge mode: like DDoS-Guard in front of the real site, every request without
 * a valid clearance cookie (issued only to the FlareSolverr stand-in's browser, and valid only together
 * with that browser's User-Agent) gets a 403 challenge page.
 */
export const SOLVER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 StandInSolver";
export const CLEARANCE_COOKIE = "__ddg2_";
/** Sent only by the FlareSolverr stand-in's browser. */
export const SOLVER_BROWSER_HEADER = "x-standin-solver-browser";

export function ddosGuardPage(): string {
  return `<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body>
<div id="ddg-challenge">Checking your browser before accessing the website.</div>
<script src="/.well-known/ddos-guard/check?context=free_splash"></script>
<script src="https://check.ddos-guard.net/check.js"></script></body></html>`;
}

/** A Cloudflare Turnstile interstitial, as seen "occasionally" on the site and its `/redirect/<id>` links. */
export function turnstilePage(): string {
  return `<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>
<div class="cf-turnstile" data-sitekey="0x4AAAAAAAstandin"></div>
<script>window._cf_chl_opt = { cType: "managed" };</script>
<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script></body></html>`;
}

export class ChallengeGate {
  /** Clearances handed out: cookie value → the User-Agent it was issued to. */
  private readonly issued = new Map<string, string>();
  blocked = 0;
  /**
   * Like a check that fingerprints TLS: clearances work only for the solver's own browser (the header
   * below stands for its fingerprint), so direct requests stay challenged even with the cookie.
   */
  fingerprint = false;

  /** `only`: challenge just these paths (e.g. the redirect links, with a Turnstile page). */
  constructor(
    public enabled: boolean,
    private readonly only: { paths: RegExp; page: "turnstile" } | null = null,
  ) {}

  /** A fresh clearance for the solver's browser. */
  issue(userAgent: string): string {
    const value = crypto.randomUUID().replace(/-/g, "");
    this.issued.set(value, userAgent);
    return value;
  }

  /** null = let through; else the challenge answer. */
  check(request: Request): Response | null {
    if (!this.enabled) return null;
    if (this.only && !this.only.paths.test(new URL(request.url).pathname)) return null;
    const cookie = request.headers.get("cookie") ?? "";
    const value = new RegExp(`(?:^|;\\s*)${CLEARANCE_COOKIE}=([^;]+)`).exec(cookie)?.[1];
    const browser = request.headers.get(SOLVER_BROWSER_HEADER) === "1";
    if (
      value &&
      this.issued.get(value) === request.headers.get("user-agent") &&
      (browser || !this.fingerprint)
    )
      return null;
    this.blocked++;
    if (this.only?.page === "turnstile")
      return new Response(turnstilePage(), {
        status: 403,
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          "cf-mitigated": "challenge",
          Server: "cloudflare",
        },
      });
    return new Response(ddosGuardPage(), {
      status: 403,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        Server: "ddos-guard",
        "Set-Cookie": "__ddg1_=probe; Path=/",
      },
    });
  }
}

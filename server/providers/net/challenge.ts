/**
 * Recognises the anti-bot pages in front of the catalogue and some hosters (DDoS-Guard, Cloudflare
 * "Just a moment", Turnstile), so they end in a `blocked` error instead of "not JSON" or "not a series
 * page". Normal pages behind these services may reference their scripts too (Cloudflare injects
 * `challenge-platform` into ordinary pages), so a successful answer counts as a challenge only on markers
 * that exist solely on challenge pages; the broad markers apply to error answers and to pages that did not
 * parse.
 */
export type ChallengeKind = "ddos-guard" | "cloudflare" | "turnstile";

const CHALLENGE_ONLY: [RegExp, ChallengeKind][] = [
  [/<title>\s*DDoS-Guard\s*<\/title>|check\.ddos-guard\.net|ddos-guard\/js-challenge/i, "ddos-guard"],
  [/<title>\s*(Just a moment|Attention Required)|cf_chl_opt|window\._cf_chl/i, "cloudflare"],
];

const TURNSTILE = /cf-turnstile|challenges\.cloudflare\.com\/turnstile/i;

const ANY_MARKER: [RegExp, ChallengeKind][] = [
  [TURNSTILE, "turnstile"],
  [/ddos-guard|__ddg[0-9]_/i, "ddos-guard"],
  [/challenge-platform|cf-browser-verification|cf-chl-/i, "cloudflare"],
];

const MAX_SCAN_CHARS = 512 * 1024;

/** For any answer: headers, then the markers that only challenge pages carry (plus broad ones on errors). */
export function detectChallenge(status: number, headers: Headers, body: string | null): ChallengeKind | null {
  const failed = status === 403 || status === 429 || status === 503;
  const text = body?.slice(0, MAX_SCAN_CHARS) ?? "";
  let kind: ChallengeKind | null = null;
  if (failed) {
    const server = (headers.get("server") ?? "").toLowerCase();
    if (server.includes("ddos-guard")) kind = "ddos-guard";
    else if (headers.get("cf-mitigated") === "challenge") kind = "cloudflare";
  }
  for (const [pattern, found] of CHALLENGE_ONLY) if (!kind && pattern.test(text)) kind = found;
  if (!kind && failed) kind = markerIn(text);
  // A Cloudflare page holding a Turnstile widget needs a browser's click-free solve: say which it is.
  return kind && TURNSTILE.test(text) ? "turnstile" : kind;
}

/** For a page that did not parse: a challenge marker anywhere in it explains why. */
export function challengeInUnparsedPage(body: string): ChallengeKind | null {
  const text = body.slice(0, MAX_SCAN_CHARS);
  for (const [pattern, kind] of CHALLENGE_ONLY) if (pattern.test(text)) return kind;
  return markerIn(text);
}

function markerIn(text: string): ChallengeKind | null {
  for (const [pattern, kind] of ANY_MARKER) if (pattern.test(text)) return kind;
  return null;
}

export function challengeName(kind: ChallengeKind): string {
  return kind === "ddos-guard"
    ? "DDoS-Guard"
    : kind === "turnstile"
      ? "a Cloudflare Turnstile check"
      : "a Cloudflare challenge";
}

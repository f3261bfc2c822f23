/**
 * One browser identity per run: a current desktop Chrome User-Agent with the client hints and Sec-Fetch-*
 * headers that Chrome sends alongside it. The catalogue and hosters answer plain HTTP clients with 403, and
 * a User-Agent whose hints or fetch metadata disagree with it is itself a bot signal.
 */
export type RequestKind = "document" | "xhr" | "image" | "media";

const CHROME_MAJOR = 142;

export const DEFAULT_USER_AGENT = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME_MAJOR}.0.0.0 Safari/537.36`;

const ACCEPT: Record<RequestKind, string> = {
  document:
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
  xhr: "application/json, text/javascript, */*; q=0.01",
  image: "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
  media: "*/*",
};

const DEST: Record<RequestKind, string> = {
  document: "document",
  xhr: "empty",
  image: "image",
  media: "empty",
};
const MODE: Record<RequestKind, string> = {
  document: "navigate",
  xhr: "cors",
  image: "no-cors",
  media: "cors",
};

export class BrowserIdentity {
  constructor(private agent: string = DEFAULT_USER_AGENT) {}

  get userAgent(): string {
    return this.agent;
  }

  /** FlareSolverr solves with its own browser; its cookies are only valid together with its User-Agent. */
  adopt(userAgent: string): void {
    if (userAgent.trim()) this.agent = userAgent.trim();
  }

  /** The headers Chrome sends for a request of this kind to `url`, coming from `referer` (if any). */
  headers(kind: RequestKind, url: URL, referer?: string): Record<string, string> {
    const major = /Chrome\/(\d+)/.exec(this.agent)?.[1];
    const out: Record<string, string> = {
      "User-Agent": this.agent,
      Accept: ACCEPT[kind],
      "Accept-Language": "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7",
      "Sec-Fetch-Dest": DEST[kind],
      "Sec-Fetch-Mode": MODE[kind],
      "Sec-Fetch-Site": siteOf(url, referer),
    };
    if (major) {
      out["sec-ch-ua"] = `"Chromium";v="${major}", "Google Chrome";v="${major}", "Not_A Brand";v="99"`;
      out["sec-ch-ua-mobile"] = "?0";
      out["sec-ch-ua-platform"] = /Windows/.test(this.agent)
        ? '"Windows"'
        : /Mac OS/.test(this.agent)
          ? '"macOS"'
          : '"Linux"';
    }
    if (kind === "document") {
      out["Sec-Fetch-User"] = "?1";
      out["Upgrade-Insecure-Requests"] = "1";
    }
    if (referer) out.Referer = referer;
    return out;
  }
}

function siteOf(url: URL, referer: string | undefined): string {
  if (!referer) return "none";
  try {
    const from = new URL(referer);
    if (from.origin === url.origin) return "same-origin";
    return registrable(from.hostname) === registrable(url.hostname) ? "same-site" : "cross-site";
  } catch {
    return "none";
  }
}

function registrable(host: string): string {
  return host.split(".").slice(-2).join(".");
}

import { blockedAdvice, ProviderError } from "../provider-error.ts";
import { AddressRefused, assertPublicUrl, type Lookup } from "./address-guard.ts";
import { BrowserIdentity, type RequestKind } from "./browser-identity.ts";
import { CookieJar } from "./cookie-jar.ts";
import { FlareSolverr, type Solution } from "./flaresolverr.ts";
import type { SocksBridge } from "./socks-bridge.ts";

/** Plain network configuration (structured-clone friendly: the loader worker receives it in a message). */
export interface NetworkConfig {
  /** Skip the private-address rule (loopback stand-ins, a hoster on the LAN). */
  allowPrivateHosts: boolean;
  /** http://, https:// or socks5:// proxy for all provider traffic; "" = direct. */
  proxyUrl: string;
  /** FlareSolverr base URL; "" = none. */
  flaresolverrUrl: string;
  /** Where the cookie jar is kept; null = memory only. */
  cookieFile: string | null;
  /** Origins taken from configuration (catalogue, TMDB, image host): trusted as configured. */
  trustedOrigins: string[];
}

export interface OutboundRequest {
  url: URL;
  method?: "GET" | "POST";
  body?: string;
  kind?: RequestKind;
  /** The page this request comes from (the natural Referer chain). */
  referer?: string;
  /** Override or add headers (they win over the identity's). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** "manual": a 3xx comes back as it is; "follow": each hop is checked, then followed. */
  redirect?: "follow" | "manual";
  /** Extra rule per redirect hop (e.g. images only from provider hosts). */
  allowHop?: (url: URL) => boolean;
  /** Awaited before every hop (the per-host rate limit applies to redirect targets too). */
  beforeHop?: (url: URL) => Promise<void>;
}

export interface OutboundResponse {
  response: Response;
  /** Where the answer came from after redirects. */
  url: URL;
}

const MAX_REDIRECTS = 8;
const PUBLIC_HOST_TTL_MS = 30_000;
const MAX_CACHED_HOSTS = 256;

export const NO_NETWORK_CONFIG: NetworkConfig = {
  allowPrivateHosts: false,
  proxyUrl: "",
  flaresolverrUrl: "",
  cookieFile: null,
  trustedOrigins: [],
};

/**
 * Every request to the outside world goes through here: one browser identity, the cookie jar, the
 * outbound proxy, manual redirects with the private-address rule applied to each hop, and FlareSolverr
 * when a challenge blocks the way.
 */
export class Outbound {
  readonly identity = new BrowserIdentity();
  readonly cookies: CookieJar;
  private config: NetworkConfig;
  private solver: FlareSolverr | null = null;
  private readonly solving = new Map<string, Promise<Solution>>();
  /** The loopback HTTP front of a socks5:// proxy (Bun's fetch has no SOCKS support). */
  private bridge: { socksUrl: string; ready: Promise<SocksBridge> } | null = null;
  /** Hosts found public recently, with when that stops counting. */
  private readonly publicHosts = new Map<string, number>();

  constructor(
    config: NetworkConfig,
    private readonly lookup?: Lookup,
  ) {
    this.config = config;
    this.cookies = new CookieJar(config.cookieFile);
    this.configure(config);
  }

  get settings(): Readonly<NetworkConfig> {
    return this.config;
  }

  get hasSolver(): boolean {
    return this.solver !== null;
  }

  /** Applies changed settings (FlareSolverr or proxy set in Settings → Connections). */
  configure(config: NetworkConfig): void {
    const solverChanged = config.flaresolverrUrl !== this.config.flaresolverrUrl || !this.solver;
    if (this.bridge && this.bridge.socksUrl !== config.proxyUrl) this.closeBridge();
    this.config = config;
    if (solverChanged) {
      void this.solver?.close();
      this.solver = config.flaresolverrUrl ? new FlareSolverr(config.flaresolverrUrl) : null;
    }
  }

  isTrusted(url: URL): boolean {
    return this.config.trustedOrigins.some((o) => sameOrigin(o, url));
  }

  /** The private-address rule for one URL (no request is made). */
  async check(url: URL, provider: string): Promise<void> {
    if (this.config.allowPrivateHosts || this.isTrusted(url)) {
      if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new ProviderError(provider, null, `refusing ${url.protocol} URLs`, { code: "refused" });
      return;
    }
    const cached = this.publicHosts.get(url.hostname);
    if (cached !== undefined && cached > Date.now()) return;
    try {
      await assertPublicUrl(url, this.lookup);
      // An HLS download asks the same CDN host hundreds of times: one lookup per host and half minute.
      if (this.publicHosts.size >= MAX_CACHED_HOSTS) this.publicHosts.clear();
      this.publicHosts.set(url.hostname, Date.now() + PUBLIC_HOST_TTL_MS);
    } catch (error) {
      if (error instanceof AddressRefused)
        throw new ProviderError(provider, null, error.message, { code: "refused", cause: error });
      throw error;
    }
  }

  async fetch(provider: string, req: OutboundRequest): Promise<OutboundResponse> {
    let url = req.url;
    let method = req.method ?? "GET";
    let body = req.body;
    for (let hop = 0; ; hop++) {
      if (req.allowHop && !req.allowHop(url))
        throw new ProviderError(provider, null, `refusing to contact ${url.host}: not a provider host`, {
          code: "refused",
        });
      await this.check(url, provider);
      await req.beforeHop?.(url);
      const headers: Record<string, string> = {
        ...this.identity.headers(req.kind ?? "document", url, req.referer),
        ...req.headers,
      };
      const cookie = this.cookies.header(url);
      if (cookie) headers.Cookie = req.headers?.Cookie ? `${req.headers.Cookie}; ${cookie}` : cookie;
      const response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        redirect: "manual",
        ...(this.config.proxyUrl ? { proxy: await this.proxy(this.config.proxyUrl) } : {}),
      });
      this.cookies.store(url, response.headers);
      const location = response.headers.get("location");
      if (req.redirect === "manual" || response.status < 300 || response.status >= 400 || !location)
        return { response, url };
      await response.body?.cancel().catch(() => {});
      if (hop >= MAX_REDIRECTS)
        throw new ProviderError(provider, response.status, "too many redirects", { retryable: false });
      try {
        url = new URL(location, url);
      } catch (cause) {
        throw new ProviderError(provider, response.status, "a redirect points nowhere", {
          cause,
          retryable: false,
        });
      }
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === "POST")
      ) {
        method = "GET";
        body = undefined;
      }
    }
  }

  /**
   * Solves a challenge on `url` through FlareSolverr (one solve per host at a time), keeps its cookies
   * and adopts its User-Agent so the following direct requests pass; throws a `blocked` error when no
   * solver is configured or it fails.
   */
  async solve(provider: string, url: URL, signal?: AbortSignal): Promise<Solution> {
    const solver = this.solver;
    if (!solver) throw this.blocked(provider, url, null);
    const key = url.host;
    let pending = this.solving.get(key);
    if (!pending) {
      pending = solver.solve(url.toString(), signal);
      this.solving.set(key, pending);
      pending.then(
        () => this.solving.delete(key),
        () => this.solving.delete(key),
      );
    }
    let solution: Solution;
    try {
      solution = await pending;
    } catch (cause) {
      throw this.blocked(provider, url, cause);
    }
    this.identity.adopt(solution.userAgent);
    const byHost = new Map<string, Solution["cookies"]>();
    for (const c of solution.cookies) {
      const host = c.domain || url.hostname;
      byHost.set(host, [...(byHost.get(host) ?? []), c]);
    }
    for (const [host, list] of byHost) this.cookies.setAll(host, list);
    // Cookies scoped to the parent domain apply to the host asked for as well.
    if (!byHost.has(url.hostname)) this.cookies.setAll(url.hostname, solution.cookies);
    return solution;
  }

  blocked(provider: string, url: URL, cause: unknown, what?: string): ProviderError {
    const detail = cause instanceof Error ? ` (${cause.message})` : what ? ` (${what})` : "";
    return new ProviderError(provider, 403, `${blockedAdvice(url.host, this.solver !== null)}${detail}`, {
      code: "blocked",
      cause,
    });
  }

  /** The proxy URL fetch gets: as configured, or the SOCKS bridge's. */
  private async proxy(configured: string): Promise<string> {
    if (!/^socks5h?:/i.test(configured)) return configured;
    if (!this.bridge || this.bridge.socksUrl !== configured) {
      this.closeBridge();
      // Imported on first use: the bridge brings node:http, node:net and the socks client, which only a
      // SOCKS proxy needs and which would otherwise load with every start.
      const ready = import("./socks-bridge.ts").then((m) => m.startSocksBridge(configured));
      this.bridge = { socksUrl: configured, ready };
      ready.catch(() => {
        if (this.bridge?.ready === ready) this.bridge = null;
      });
    }
    return (await this.bridge.ready).url;
  }

  private closeBridge(): void {
    void this.bridge?.ready.then((b) => b.close()).catch(() => {});
    this.bridge = null;
  }

  close(): void {
    this.closeBridge();
    void this.solver?.close();
    try {
      this.cookies.flush();
    } catch {
      // Losing cookies costs a new challenge later, nothing more.
    }
  }
}

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}

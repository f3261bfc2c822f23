import type { MiddlewareHandler } from "hono";

/**
 * Against DNS rebinding: a server bound to loopback answers only requests addressed to a loopback name
 * (localhost, 127.x.y.z, [::1]), to the address it is bound to, or to the host of an allowed origin. A
 * hostile page whose name was re-pointed at 127.0.0.1 sends its own name as Host and is refused. Returns
 * null when the server is bound to a non-loopback address (then LAN names are legitimate), and behind a
 * trusted reverse proxy that no allowed origin names (the proxy's public Host is unknown until listed).
 */
export function hostCheck(options: {
  host: string;
  allowedOrigins: readonly string[];
  trustProxy: boolean;
}): MiddlewareHandler | null {
  const bound = bracketed(options.host.toLowerCase());
  if (!isLoopbackName(bound)) return null;
  if (options.trustProxy && options.allowedOrigins.length === 0) return null;
  const allowed = new Set<string>([bound]);
  for (const origin of options.allowedOrigins) {
    try {
      allowed.add(new URL(origin).hostname.toLowerCase());
    } catch {
      // The config schema checked these are URLs.
    }
  }
  // Host values seen and accepted: the common path is one header read and one set lookup.
  const accepted = new Set<string>();
  return async (c, next) => {
    const host = c.req.raw.headers.get("host");
    if (host !== null && !accepted.has(host)) {
      const name = hostnameOf(host);
      if (!allowed.has(name) && !isLoopbackName(name))
        return c.json({ error: "unknown Host; add the address with --allowed-origin" }, 403);
      if (accepted.size < 64) accepted.add(host);
    }
    await next();
  };
}

function isLoopbackName(name: string): boolean {
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/** The host name of a Host header, lower case, IPv6 in brackets, without the port. */
function hostnameOf(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith("[")) return lower.slice(0, lower.indexOf("]") + 1);
  const colon = lower.indexOf(":");
  return colon === -1 ? lower : lower.slice(0, colon);
}

function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

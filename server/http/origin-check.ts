import type { MiddlewareHandler } from "hono";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF and cross-site WebSocket hijacking protection. State-changing requests and WebSocket upgrades
 * that carry an `Origin` must come from the app's own origin (scheme + host of the request, as a trusted
 * proxy reports it) or from a configured allowed origin; otherwise 403.
 *
 * A request *without* Origin is let through: browsers always send Origin on WebSocket handshakes and on
 * cross-origin POSTs (and on same-origin POSTs in every current engine), so a missing Origin means a
 * non-browser client (curl, a script with an API key), which cannot ride on a victim's cookie anyway.
 * "null" (sandboxed frames, file: pages) is an Origin and is refused. SameSite=Lax on the session cookie is
 * a second line of defence for mutations.
 */
export function originCheck(options: {
  allowedOrigins: readonly string[];
  trustProxy: boolean;
}): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins.map(normaliseOrigin).filter((o): o is string => o !== null));
  return async (c, next) => {
    const headers = c.req.raw.headers;
    const isUpgrade = headers.get("upgrade")?.toLowerCase() === "websocket";
    const origin = headers.get("origin");
    if ((isUpgrade || STATE_CHANGING.has(c.req.method)) && origin !== null) {
      const claimed = normaliseOrigin(origin);
      const own = ownOrigin(new URL(c.req.url), headers, options.trustProxy);
      if (claimed === null || (claimed !== own && !allowed.has(claimed)))
        return c.json({ error: "cross-origin request refused" }, 403);
    }
    await next();
  };
}

/** The origin the browser used to reach us: scheme and host, from a trusted proxy's headers if told so. */
export function ownOrigin(url: URL, headers: Headers, trustProxy: boolean): string | null {
  let proto = url.protocol.replace(/:$/, "");
  let host = headers.get("host") ?? url.host;
  if (trustProxy) {
    proto = firstValue(headers.get("x-forwarded-proto")) ?? proto;
    host = firstValue(headers.get("x-forwarded-host")) ?? host;
  }
  if (proto === "ws") proto = "http";
  if (proto === "wss") proto = "https";
  return normaliseOrigin(`${proto}://${host}`);
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",")[0]?.trim();
  return value ? value : undefined;
}

/** `scheme://host[:port]` in canonical form (lower case, default ports dropped), or null if not a URL. */
function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

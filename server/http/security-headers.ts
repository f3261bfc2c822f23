import type { MiddlewareHandler } from "hono";

/**
 * A strict policy for the SPA: scripts only from our own files (no inline script, no eval), no framing,
 * API calls and the live socket to ourselves only ('self' covers ws:/wss: to our own host), images from
 * ourselves only: library artwork from /artwork, catalogue covers relayed by /artwork/catalog-cover. Inline
 * *styles* stay allowed: Solid and virtual lists set style attributes, and styles cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Security headers on every response, including errors and API answers. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // WebSocket upgrade responses (101) are already on their way; their headers cannot change.
    if (c.res.status === 101) return;
    const headers = c.res.headers;
    headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
    headers.set("x-content-type-options", "nosniff");
    headers.set("referrer-policy", "same-origin");
    headers.set("x-frame-options", "DENY");
    headers.set("cross-origin-opener-policy", "same-origin");
  };
}

import type { MiddlewareHandler } from "hono";

/**
 * A strict policy for the SPA: scripts only from our own files (no inline script, no eval), no framing,
 * API calls and the live socket to ourselves. Library artwork comes from our own /artwork route ('self');
 * `https:` remains for catalogue search covers and posters of series whose images are not loaded yet
 * (the web app never uses plain-http covers). Inline *styles* stay allowed: Solid and virtual lists set style
 * attributes, and styles cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self' ws: wss:",
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

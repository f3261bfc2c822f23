import type { MiddlewareHandler } from "hono";

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * API calls that carry a body must be JSON. tRPC would also parse multipart/form-data and octet-stream
 * bodies; no procedure takes those, and they are what a cross-site HTML form can send without a preflight.
 */
export function jsonOnly(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    if (!JSON_TYPE.test(c.req.raw.headers.get("content-type") ?? ""))
      return c.json({ error: "API calls must send JSON (Content-Type: application/json)" }, 415);
    return next();
  };
}

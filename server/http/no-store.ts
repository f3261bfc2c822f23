import type { MiddlewareHandler } from "hono";

/** API answers (account data, API key lists, library state) never go into a browser or proxy cache. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status !== 101) c.res.headers.set("cache-control", "no-store");
  };
}

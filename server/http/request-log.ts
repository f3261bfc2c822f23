import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.ts";

/** One log line per request: method, path (no query: it may hold tokens), status, duration. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const status = c.res.status;
    const fields = { method: c.req.method, path: c.req.path, status, ms };
    // 503 is a known, passing condition (the database is locked by another program), not a fault.
    if (status >= 500 && status !== 503) logger.error("request", fields);
    else if (status === 503) logger.warn("request", fields);
    else logger.info("request", fields);
  };
}

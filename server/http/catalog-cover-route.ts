import type { Context } from "hono";
import type { CatalogCoverService } from "../catalog/catalog-cover-service.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import type { AppEnv } from "./app.ts";

/**
 * GET /artwork/catalog-cover?path=/public/img/cover/x.jpg — a catalogue cover relayed through our origin
 * (see CatalogCoverService). Needs credentials like every API call; a path off the catalogue is 404, a
 * cover the catalogue does not deliver as a real image is 502.
 */
export function catalogCoverRoute(deps: { covers: CatalogCoverService; authenticate: Authenticate }) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const principal = await deps.authenticate({
      transport: "http",
      headers: c.req.raw.headers,
      ip: c.get("clientIp"),
      url: new URL(c.req.url),
      connectionParams: null,
      resHeaders: null,
    });
    if (!principal) return c.json({ error: "sign in first" }, 401);
    const target = deps.covers.target(c.req.query("path") ?? "");
    if (!target) return c.json({ error: "not a catalogue cover" }, 404);
    try {
      const cover = await deps.covers.fetch(target, c.req.raw.signal);
      return new Response(cover.bytes, {
        headers: { "content-type": cover.type, "cache-control": "private, max-age=86400" },
      });
    } catch {
      return c.json({ error: "the cover could not be fetched" }, 502);
    }
  };
}

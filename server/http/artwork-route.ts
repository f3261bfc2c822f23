import type { Context } from "hono";
import type { ArtworkService } from "../series/artwork-service.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import type { AppEnv } from "./app.ts";

/** Browsers keep a poster this long without asking; after that a conditional request costs one stat. */
export const ARTWORK_CACHE_CONTROL = "private, max-age=300";

const ID = /^[1-9]\d{0,14}$/;

/**
 * GET /artwork/series/:id/:name — a series' poster, fanart, logo or season poster from its folder in the
 * library, so the web app never loads covers from third-party hosts (privacy; the CSP allows only https
 * images besides our own). Needs a session cookie or an API key like every API call. ETag and
 * Last-Modified come from the file's size and mtime; a matching If-None-Match / If-Modified-Since gets 304.
 */
export function artworkRoute(deps: { artwork: ArtworkService; authenticate: Authenticate }) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const resHeaders = new Headers();
    const principal = await deps.authenticate({
      transport: "http",
      headers: c.req.raw.headers,
      ip: c.get("clientIp"),
      url: new URL(c.req.url),
      connectionParams: null,
      resHeaders,
    });
    if (!principal) return c.json({ error: "sign in first" }, 401);

    const id = c.req.param("id") ?? "";
    const file = ID.test(id) ? await deps.artwork.find(Number(id), c.req.param("name") ?? "") : null;
    if (!file) return c.json({ error: "not found" }, 404);

    const etag = `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`;
    const lastModified = new Date(Math.floor(file.mtimeMs / 1000) * 1000);
    // A refreshed session's cookie rides along, as on tRPC answers.
    const headers = new Headers({
      etag,
      "last-modified": lastModified.toUTCString(),
      "cache-control": ARTWORK_CACHE_CONTROL,
    });
    for (const cookie of resHeaders.getSetCookie()) headers.append("set-cookie", cookie);
    if (notModified(c.req.raw.headers, etag, lastModified))
      return new Response(null, { status: 304, headers });
    headers.set("content-type", file.contentType);
    // Bun sends a BunFile with its length (and sendfile where it can).
    return new Response(Bun.file(file.path), { status: 200, headers });
  };
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; weak comparison for the ETag. */
function notModified(headers: Headers, etag: string, lastModified: Date): boolean {
  const inm = headers.get("if-none-match");
  if (inm !== null) {
    if (inm.trim() === "*") return true;
    return inm.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
  }
  const ims = headers.get("if-modified-since");
  if (ims === null) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && lastModified.getTime() <= since;
}

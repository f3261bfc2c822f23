import type { Context } from "hono";
import { BoundedCache } from "../metadata/bounded-cache.ts";
import { fetchImage } from "../metadata/image-fetcher.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import type { AppEnv } from "./app.ts";

const MAX_COVER_BYTES = 2 * 1024 * 1024;
const CACHE_ENTRIES = 200;

interface Cover {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
}

/**
 * GET /artwork/catalog-cover?path=/public/img/cover/x.jpg — a catalogue cover relayed through our origin,
 * so the CSP can allow images from 'self' only and the browser never contacts the catalogue. Needs
 * credentials like every API call. The path is resolved against the configured catalogue URL and must
 * stay on its origin (no open relay); the answer must be a real JPEG or PNG of at most 2 MiB. Recent
 * covers are kept in memory.
 */
export function catalogCoverRoute(deps: {
  http: HttpClient;
  catalogUrl: string;
  authenticate: Authenticate;
}) {
  const origin = new URL(deps.catalogUrl).origin;
  const host = new URL(deps.catalogUrl).host;
  const cache = new BoundedCache<string, Cover>(CACHE_ENTRIES);
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
    const path = c.req.query("path") ?? "";
    const target = coverTarget(path, origin);
    if (!target) return c.json({ error: "not a catalogue cover" }, 404);

    let cover = cache.get(target.href);
    if (!cover) {
      try {
        const kind = target.pathname.toLowerCase().endsWith(".png") ? "png" : "jpeg";
        const image = await fetchImage(
          { http: deps.http, allowedHosts: [host], maxBytes: MAX_COVER_BYTES },
          target.href,
          kind,
          "catalogue",
          c.req.raw.signal,
        );
        cover = { bytes: new Uint8Array(image.bytes), type: kind === "png" ? "image/png" : "image/jpeg" };
      } catch {
        return c.json({ error: "the cover could not be fetched" }, 502);
      }
      cache.set(target.href, cover);
    }
    return new Response(cover.bytes, {
      headers: { "content-type": cover.type, "cache-control": "private, max-age=86400" },
    });
  };
}

/** The cover URL on the catalogue origin for a path like "/public/img/cover/x.jpg", or null. */
function coverTarget(path: string, origin: string): URL | null {
  if (!path.startsWith("/") || path.startsWith("//") || path.length > 500) return null;
  try {
    const url = new URL(path, origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

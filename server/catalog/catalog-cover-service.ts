import { BoundedCache } from "../metadata/bounded-cache.ts";
import { fetchImage } from "../metadata/image-fetcher.ts";
import type { HttpClient } from "../providers/http/http-client.ts";

const MAX_COVER_BYTES = 2 * 1024 * 1024;
const CACHE_ENTRIES = 200;

export interface CatalogCover {
  bytes: Uint8Array<ArrayBuffer>;
  type: "image/jpeg" | "image/png";
}

/**
 * Catalogue covers for the web app, fetched by the server so the page never contacts the catalogue (the
 * CSP allows images from our own origin only). A path is resolved against the configured catalogue URL
 * and must stay on its origin (no open relay); the answer must be a real JPEG or PNG of at most 2 MiB.
 * Recent covers are kept in memory.
 */
export class CatalogCoverService {
  private readonly origin: string;
  private readonly host: string;
  private readonly cache = new BoundedCache<string, CatalogCover>(CACHE_ENTRIES);

  constructor(
    private readonly http: HttpClient,
    catalogUrl: string,
  ) {
    const base = new URL(catalogUrl);
    this.origin = base.origin;
    this.host = base.host;
  }

  /** The cover at `path` ("/public/img/cover/x.jpg"); null when the path is not on the catalogue. */
  target(path: string): URL | null {
    if (!path.startsWith("/") || path.startsWith("//") || path.length > 500) return null;
    try {
      const url = new URL(path, this.origin);
      return url.origin === this.origin ? url : null;
    } catch {
      return null;
    }
  }

  /** Fetches (or recalls) the cover; throws a ProviderError when the catalogue gives no usable image. */
  async fetch(target: URL, signal?: AbortSignal): Promise<CatalogCover> {
    const cached = this.cache.get(target.href);
    if (cached) return cached;
    // The site serves covers as JPEG and as PNG, whatever the name says: the bytes decide.
    const image = await fetchImage(
      { http: this.http, allowedHosts: [this.host], maxBytes: MAX_COVER_BYTES },
      target.href,
      ["jpeg", "png"],
      "catalogue",
      signal,
    );
    const cover: CatalogCover = {
      bytes: new Uint8Array(image.bytes),
      type: image.info.kind === "png" ? "image/png" : "image/jpeg",
    };
    this.cache.set(target.href, cover);
    return cover;
  }
}

import type { HttpClient } from "../providers/http/http-client.ts";
import { ProviderError } from "../providers/provider-error.ts";
import { type ImageInfo, type ImageKind, sniffImage } from "./image-format.ts";

export interface ImageFetchOptions {
  http: HttpClient;
  /** Hosts images may come from: the catalogue host and the TMDB image host, nothing found in pages. */
  allowedHosts: readonly string[];
  maxBytes: number;
}

export const DEFAULT_MAX_IMAGE_BYTES = 15 * 1024 * 1024;

/**
 * Downloads one image and proves it is one: the URL must be on a provider host (redirects too), the
 * Content-Type must be an image type, and the bytes must be a readable JPEG/PNG of the expected kind.
 */
export async function fetchImage(
  options: ImageFetchOptions,
  url: string,
  /** The format(s) accepted: poster covers come as JPEG or PNG. */
  expect: ImageKind | readonly ImageKind[],
  provider: string,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; info: ImageInfo }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (cause) {
    throw new ProviderError(provider, null, "the image address is not a URL", { cause, retryable: false });
  }
  const allowed = options.allowedHosts.map((h) => h.toLowerCase());
  if (!allowed.includes(target.host.toLowerCase()) || !/^https?:$/.test(target.protocol))
    throw new ProviderError(provider, null, `refusing to fetch an image from ${target.host}`, {
      retryable: false,
    });
  const res = await options.http.request({
    provider,
    url: target,
    headers: { Accept: "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8" },
    allowedHosts: allowed,
    maxBytes: options.maxBytes,
    ...(signal ? { signal } : {}),
  });
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!type.startsWith("image/"))
    throw new ProviderError(provider, res.status, `expected an image, got "${type || "no type"}"`, {
      retryable: false,
    });
  const info = sniffImage(res.body);
  const accepted: readonly ImageKind[] = typeof expect === "string" ? [expect] : expect;
  if (!info || !accepted.includes(info.kind))
    throw new ProviderError(
      provider,
      res.status,
      `the image is not a valid ${accepted.map((k) => k.toUpperCase()).join(" or ")}`,
      { retryable: false },
    );
  return { bytes: res.body, info };
}

import * as v from "valibot";
import { SlugSchema } from "../../../shared/catalog.ts";
import { ProviderError } from "../provider-error.ts";

/** URL shapes of aniworld.to (facts/aniworld.md). Films are season 0. */
export function seriesPath(slug: string): string {
  return `/anime/stream/${checkedSlug(slug)}`;
}

export function seasonPath(slug: string, season: number): string {
  return season === 0 ? `${seriesPath(slug)}/filme` : `${seriesPath(slug)}/staffel-${checkedNumber(season)}`;
}

export function episodePath(slug: string, season: number, episode: number): string {
  return season === 0
    ? `${seasonPath(slug, 0)}/film-${checkedNumber(episode)}`
    : `${seasonPath(slug, season)}/episode-${checkedNumber(episode)}`;
}

/**
 * A redirect path as episode pages give it: `/redirect/<id>`, or the sister site's newer `/r?t=<token>`
 * (a base64 token, URL-encoded or not); anything else is refused (it would go to another path).
 */
export const REDIRECT_PATH = /^(?:\/redirect\/[A-Za-z0-9_-]{1,64}|\/r\?t=[A-Za-z0-9_.~%=+/-]{1,512})$/;

/** An href (relative or absolute on the catalogue) reduced to its redirect path, or null. */
export function redirectPathOf(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, "http://catalogue.invalid");
    const path = url.pathname + url.search;
    return REDIRECT_PATH.test(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Resolves a URL found in a page against the catalogue and keeps it only when it stays on the catalogue
 * host over http(s): pages must not make us (or the browser) fetch from arbitrary hosts.
 */
export function sameHostUrl(raw: string | null | undefined, base: URL): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    if (url.host !== base.host || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
    return url.toString();
  } catch {
    return null;
  }
}

function checkedSlug(slug: string): string {
  if (!v.is(SlugSchema, slug))
    throw new ProviderError("aniworld", null, "not a catalogue slug", { retryable: false });
  return slug;
}

function checkedNumber(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 100_000)
    throw new ProviderError("aniworld", null, "not a season or episode number", { retryable: false });
  return n;
}

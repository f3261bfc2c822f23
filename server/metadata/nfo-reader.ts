import * as v from "valibot";
import { CATALOG_KEY_PREFIX, SlugSchema } from "../../shared/catalog.ts";

/**
 * The one tvshow.nfo reader, shared by the library scan (which series is this folder?) and the metadata
 * writer (is this NFO ours to overwrite, and which ids does it carry?), so both agree on "ours": an NFO is
 * ours when its `<uniqueid type="aniworld">slug</uniqueid>` names the series (catalogue key
 * "aniworld:<slug>"; a value already prefixed with "aniworld:" is accepted too). Also <title>, <year> and the
 * TMDB / IMDb ids. A small tolerant reader, not a full XML parser: NFO files in the wild are often not
 * well-formed.
 */
export interface NfoFacts {
  catalogKey: string | null;
  title: string | null;
  year: number | null;
  tmdbId: number | null;
  imdbId: string | null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? "")
    .replace(/&#(\d{1,7});/g, (_, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .trim();
}

export function readNfoFacts(xml: string): NfoFacts {
  const text = xml.length > 1_000_000 ? xml.slice(0, 1_000_000) : xml;
  let catalogKey: string | null = null;
  let tmdbId: number | null = null;
  let imdbId: string | null = null;
  for (const m of text.matchAll(/<uniqueid\b([^>]*)>([^<]*)<\/uniqueid>/gi)) {
    const type = /\btype\s*=\s*["']([a-z]+)["']/i.exec(m[1] ?? "")?.[1]?.toLowerCase();
    const value = decode(m[2] ?? "");
    if (type === "tmdb" && tmdbId === null && /^\d{1,10}$/.test(value)) tmdbId = Number(value) || null;
    if (type === "imdb" && imdbId === null && /^tt\d{1,12}$/.test(value)) imdbId = value;
    if (type !== "aniworld" || catalogKey !== null) continue;
    const slug = value.startsWith(CATALOG_KEY_PREFIX) ? value.slice(CATALOG_KEY_PREFIX.length) : value;
    if (v.is(SlugSchema, slug)) catalogKey = `${CATALOG_KEY_PREFIX}${slug}`;
  }
  // The first <title> directly in <tvshow> comes before any <actor>/<episodedetails> blocks in practice.
  const titleMatch = /<title>([^<]{1,500})<\/title>/i.exec(text);
  const yearMatch = /<year>\s*(\d{4})\s*<\/year>/i.exec(text);
  const title = titleMatch ? decode(titleMatch[1]!) : null;
  return {
    catalogKey,
    title: title || null,
    year: yearMatch ? Number.parseInt(yearMatch[1]!, 10) : null,
    tmdbId,
    imdbId,
  };
}

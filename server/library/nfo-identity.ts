import * as v from "valibot";
import { CATALOG_KEY_PREFIX, SlugSchema } from "../../shared/catalog.ts";

/**
 * Reads the series identity out of a tvshow.nfo: `<uniqueid type="aniworld">slug</uniqueid>` (catalogue key
 * "aniworld:<slug>"; a value already prefixed with "aniworld:" is accepted too), plus <title> and <year>.
 * A small tolerant reader, not a full XML parser: NFO files in the wild are often not well-formed.
 */
export interface NfoFacts {
  catalogKey: string | null;
  title: string | null;
  year: number | null;
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
  for (const m of text.matchAll(/<uniqueid\b([^>]*)>([^<]*)<\/uniqueid>/gi)) {
    if (!/\btype\s*=\s*["']aniworld["']/i.test(m[1]!)) continue;
    const value = decode(m[2]!);
    const slug = value.startsWith(CATALOG_KEY_PREFIX) ? value.slice(CATALOG_KEY_PREFIX.length) : value;
    if (v.is(SlugSchema, slug)) {
      catalogKey = `${CATALOG_KEY_PREFIX}${slug}`;
      break;
    }
  }
  // The first <title> directly in <tvshow> comes before any <actor>/<episodedetails> blocks in practice.
  const titleMatch = /<title>([^<]{1,500})<\/title>/i.exec(text);
  const yearMatch = /<year>\s*(\d{4})\s*<\/year>/i.exec(text);
  const title = titleMatch ? decode(titleMatch[1]!) : null;
  return {
    catalogKey,
    title: title || null,
    year: yearMatch ? Number.parseInt(yearMatch[1]!, 10) : null,
  };
}

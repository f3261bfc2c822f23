import * as v from "valibot";
import { type CatalogSearchItem, catalogKeyOf, SlugSchema } from "../../../shared/catalog.ts";
import { ProviderError } from "../provider-error.ts";
import { sameHostUrl } from "./catalog-urls.ts";
import { fragmentText } from "./html-text.ts";

const ItemSchema = v.object({
  name: v.string(),
  link: v.string(),
  description: v.optional(v.nullable(v.string()), ""),
  cover: v.optional(v.nullable(v.string()), null),
  productionYear: v.optional(v.nullable(v.union([v.string(), v.number()])), null),
});

/**
 * `/ajax/seriesSearch` → search items. Entries that do not look like a series are skipped (one odd entry
 * must not hide the others); an answer that is not a list is a ProviderError.
 */
export function parseSearchResults(json: unknown, base: URL): CatalogSearchItem[] {
  if (!Array.isArray(json))
    throw new ProviderError("aniworld", 200, "the page layout changed: the search answer is not a list", {
      code: "layout",
    });
  const out: CatalogSearchItem[] = [];
  const seen = new Set<string>();
  for (const entry of json) {
    const parsed = v.safeParse(ItemSchema, entry);
    if (!parsed.success) continue;
    const item = parsed.output;
    const slug = slugFromLink(item.link);
    const title = fragmentText(item.name);
    if (!slug || !title || seen.has(slug)) continue;
    seen.add(slug);
    const [startYear, endYear] = years(String(item.productionYear ?? ""));
    out.push({
      catalogKey: catalogKeyOf(slug),
      slug,
      title,
      startYear,
      endYear,
      coverUrl: sameHostUrl(item.cover ? item.cover.replace("150x225", "220x330") : null, base),
      description: fragmentText(item.description ?? ""),
    });
  }
  return out;
}

/** `link` is a bare slug, sometimes a path "/anime/stream/<slug>". */
function slugFromLink(link: string): string | null {
  const m = /^(?:\/?anime\/stream\/)?([a-z0-9][a-z0-9-]*)\/?$/i.exec(link.trim());
  return m?.[1] && v.is(SlugSchema, m[1]) ? m[1] : null;
}

/** "(2020 - 2024)", "(2019 - heute)", "2021" → [start, end]; an ongoing series has end null. */
function years(text: string): [number | null, number | null] {
  const found = [...text.matchAll(/\b(1[89]\d\d|2\d\d\d)\b/g)].map((m) => Number(m[1]));
  const start = found[0] ?? null;
  const end = found[1] ?? (/-/.test(text) ? null : start);
  return [start, end];
}

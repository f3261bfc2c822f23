import type { HosterLink } from "../../shared/catalog.ts";
import type { Language } from "../../shared/languages.ts";

/**
 * The order sources are tried in: languages by preference (only allowed ones), and within a language the
 * hosters by the hoster order (unknown hosters after the known ones, in the catalogue's order).
 */
export function orderSources(
  links: HosterLink[],
  languages: readonly Language[],
  hosterOrder: string[],
): HosterLink[] {
  const rank = new Map(hosterOrder.map((h, i) => [h.toLowerCase(), i]));
  const out: HosterLink[] = [];
  for (const language of languages) {
    const forLanguage = links
      .map((link, index) => ({ link, index }))
      .filter(({ link }) => link.language === language)
      .sort(
        (a, b) =>
          (rank.get(a.link.hoster.toLowerCase()) ?? Number.MAX_SAFE_INTEGER) -
            (rank.get(b.link.hoster.toLowerCase()) ?? Number.MAX_SAFE_INTEGER) || a.index - b.index,
      );
    const seen = new Set<string>();
    for (const { link } of forLanguage) {
      const key = link.hoster.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(link);
    }
  }
  return out;
}

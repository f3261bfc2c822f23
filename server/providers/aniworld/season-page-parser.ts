import type { CatalogEpisode } from "../../../shared/catalog.ts";
import { type Language, languageFromFlag } from "../../../shared/languages.ts";
import { ProviderError } from "../provider-error.ts";
import { attrText, lazyImageUrl } from "./html-text.ts";
import { PageScan } from "./page-scan.ts";

interface Row {
  numberMeta: string | null;
  href: string | null;
  titleDe: string;
  titleEn: string;
  hosters: string[];
  flags: string[];
}

const ROW = "table.seasonEpisodesList tr[data-episode-id]";

/** Parses a season (or films) page into its episode list (facts/aniworld.md, "Season page"). */
export function parseSeasonPage(html: string, slug: string, season: number): CatalogEpisode[] {
  const scan = new PageScan();
  const rows: Row[] = [];
  let tables = 0;
  let title = false;
  const alerts = scan.texts("div.messageAlert.danger");
  const current = () => rows.at(-1);
  scan
    .on("div.series-title h1", {
      element: () => {
        title = true;
      },
    })
    .on("table.seasonEpisodesList", {
      element: () => {
        tables++;
      },
    })
    .on(ROW, {
      element: () => {
        rows.push({ numberMeta: null, href: null, titleDe: "", titleEn: "", hosters: [], flags: [] });
      },
    })
    .on(`${ROW} meta[itemprop=episodeNumber]`, {
      element: (el) => {
        const row = current();
        if (row) row.numberMeta = el.getAttribute("content");
      },
    })
    .on(`${ROW} a[href]`, {
      element: (el) => {
        const row = current();
        if (row && row.href === null) row.href = el.getAttribute("href");
      },
    })
    .on(`${ROW} td.seasonEpisodeTitle strong`, {
      text: (chunk) => {
        const row = current();
        if (row && !scan.inCode) row.titleDe += chunk.text;
      },
    })
    .on(`${ROW} td.seasonEpisodeTitle span`, {
      text: (chunk) => {
        const row = current();
        if (row && !scan.inCode) row.titleEn += chunk.text;
      },
    })
    .on(`${ROW} i.icon`, {
      element: (el) => {
        const name = hosterFromIcon(el.getAttribute("class"), el.getAttribute("title"));
        const row = current();
        if (row && name && !row.hosters.includes(name)) row.hosters.push(name);
      },
    })
    .on(`${ROW} img`, {
      element: (el) => {
        const src = lazyImageUrl(el.getAttribute("src"), el.getAttribute("data-src"));
        if (src) current()?.flags.push(src);
      },
    });
  scan.run(html);

  if (tables === 0) {
    if (alerts.length)
      throw new ProviderError("aniworld", 404, `season ${season} of "${slug}" was not found`, {
        retryable: false,
      });
    if (!title)
      throw new ProviderError(
        "aniworld",
        null,
        `the page layout changed: the page of "${slug}" season ${season} has no episode list`,
        { code: "layout" },
      );
    return [];
  }
  const byNumber = new Map<number, CatalogEpisode>();
  for (const row of rows) {
    const number = episodeNumber(row, season);
    if (number === null || byNumber.has(number)) continue;
    const languages = new Set<Language>();
    for (const flag of row.flags) {
      const lang = languageFromFlag(flag);
      if (lang) languages.add(lang);
    }
    byNumber.set(number, {
      season,
      number,
      titleDe: attrText(row.titleDe) || null,
      titleEn: attrText(row.titleEn) || null,
      languages: [...languages],
      hosters: row.hosters,
    });
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

function episodeNumber(row: Row, season: number): number | null {
  const meta = attrText(row.numberMeta);
  if (/^\d{1,5}$/.test(meta)) return Number(meta);
  const m = (season === 0 ? /\/film-(\d{1,5})\/?$/ : /\/episode-(\d{1,5})\/?$/).exec(attrText(row.href));
  return m ? Number(m[1]) : null;
}

/** `<i class="icon VOE" title="Hoster VOE">` → "VOE". */
export function hosterFromIcon(className: string | null, title: string | null): string | null {
  const fromClass = attrText(className)
    .split(" ")
    .find((c) => c && c !== "icon");
  const name = fromClass ?? attrText(title).replace(/^Hoster\s+/i, "");
  return /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(name) ? name : null;
}

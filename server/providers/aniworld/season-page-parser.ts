import type { CatalogEpisode } from "../../../shared/catalog.ts";
import type { Language } from "../../../shared/languages.ts";
import { ProviderError } from "../provider-error.ts";
import { flagLanguage } from "./flag-language.ts";
import { attrText } from "./html-text.ts";
import { PageScan, within } from "./page-scan.ts";

interface Row {
  numberMeta: string | null;
  /** `data-episode-season-id`: the episode's number within its season (films carry it too). */
  seasonEpisodeId: string | null;
  hrefs: string[];
  linkText: string;
  titleDe: string;
  titleEn: string;
  hosters: string[];
  languages: Set<Language>;
}

/**
 * Every row of the episode table (`table.seasonEpisodesList`, its body `tbody#season<N>` when the class
 * is missing): most pages mark rows with `data-episode-id` and schema.org's Episode, some do not, so any
 * row counts and one without a number (a header row) is skipped.
 */
const ROW = "table.seasonEpisodesList tr, tbody[id^=season] tr";
const inRow = (child: string) => within(ROW, child);

/** Parses a season (or films) page into its episode list (facts/aniworld.md, "Season page"). */
export function parseSeasonPage(html: string, slug: string, season: number): CatalogEpisode[] {
  const scan = new PageScan();
  const rows: Row[] = [];
  let tables = 0;
  let title = false;
  const alerts = scan.texts("div.messageAlert.danger");
  const current = () => rows.at(-1);
  const addTitle = (key: "titleDe" | "titleEn") => (text: string) => {
    const row = current();
    if (row) row[key] += text;
  };
  scan
    .on("div.series-title h1", {
      element: () => {
        title = true;
      },
    })
    .on("table.seasonEpisodesList, tbody[id^=season]", {
      element: () => {
        tables++;
      },
    })
    .on(ROW, {
      element: (el) => {
        rows.push({
          numberMeta: null,
          seasonEpisodeId: el.getAttribute("data-episode-season-id"),
          hrefs: [],
          linkText: "",
          titleDe: "",
          titleEn: "",
          hosters: [],
          languages: new Set(),
        });
      },
    })
    .on(inRow("meta[itemprop=episodeNumber]"), {
      element: (el) => {
        const row = current();
        if (row) row.numberMeta = el.getAttribute("content");
      },
    })
    .on(inRow("a[href]"), {
      element: (el) => {
        current()?.hrefs.push(el.getAttribute("href") ?? "");
      },
    })
    .on(inRow("td:first-child a"), { text: (chunk) => appendLinkText(current(), chunk.text) })
    .on(inRow("td.seasonEpisodeTitle strong"), { text: (chunk) => addTitle("titleDe")(chunk.text) })
    .on(inRow("td.seasonEpisodeTitle span"), { text: (chunk) => addTitle("titleEn")(chunk.text) })
    .breaks(inRow("td.seasonEpisodeTitle strong"), addTitle("titleDe"))
    .breaks(inRow("td.seasonEpisodeTitle span"), addTitle("titleEn"))
    .on(inRow("i.icon"), {
      element: (el) => {
        const name = hosterFromIcon(el.getAttribute("class"), el.getAttribute("title"));
        const row = current();
        if (row && name && !row.hosters.includes(name)) row.hosters.push(name);
      },
    })
    .on(inRow("img"), {
      element: (el) => {
        const lang = flagLanguage(el);
        if (lang) current()?.languages.add(lang);
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
    byNumber.set(number, {
      season,
      number,
      titleDe: attrText(row.titleDe) || null,
      // Some English titles repeat the number as a suffix ("… [Episode 12]"); it is not part of the title.
      titleEn: attrText(row.titleEn).replace(/\s*\[Episode\s+\d+\]$/i, "") || null,
      languages: [...row.languages],
      hosters: row.hosters,
    });
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

function appendLinkText(row: Row | undefined, text: string): void {
  if (row) row.linkText += text;
}

/**
 * The schema.org number, else the number in the row's episode (film) link, else `data-episode-season-id`,
 * else the link text ("Folge 3", "Film 1", "3").
 */
function episodeNumber(row: Row, season: number): number | null {
  const meta = attrText(row.numberMeta);
  if (/^\d{1,5}$/.test(meta)) return Number(meta);
  const pattern = season === 0 ? /\/film-(\d{1,5})\/?(?:[?#].*)?$/ : /\/episode-(\d{1,5})\/?(?:[?#].*)?$/;
  for (const href of row.hrefs) {
    const m = pattern.exec(attrText(href));
    if (m) return Number(m[1]);
  }
  const id = attrText(row.seasonEpisodeId);
  if (/^\d{1,5}$/.test(id)) return Number(id);
  const text = /^(?:(?:Folge|Film|Episode)\s+)?(\d{1,5})$/i.exec(attrText(row.linkText));
  return text ? Number(text[1]) : null;
}

/** `<i class="icon VOE" title="Hoster VOE">` → "VOE". */
export function hosterFromIcon(className: string | null, title: string | null): string | null {
  const fromClass = attrText(className)
    .split(" ")
    .find((c) => c && c !== "icon");
  const name = fromClass ?? attrText(title).replace(/^Hoster\s+/i, "");
  return /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(name) ? name : null;
}

import type { CatalogSeriesDetails } from "../../../shared/catalog.ts";
import { ProviderError } from "../provider-error.ts";
import { sameHostUrl } from "./catalog-urls.ts";
import { attrText, lazyImageUrl } from "./html-text.ts";
import { PageScan } from "./page-scan.ts";

/** Genres the site lists that are really language markers. */
const PSEUDO_GENRES = new Set(["ger", "gersub", "engsub", "eng"]);

/** Parses a series page (facts/aniworld.md, "Series page"). Missing pieces become null / empty. */
export function parseSeriesPage(html: string, slug: string, base: URL): CatalogSeriesDetails {
  const scan = new PageScan();
  // Where a field has several shapes, the robust selector first and the fallbacks after it.
  const titles = [
    scan.texts("div.series-title h1 span"),
    scan.texts("div.series-title h1"),
    scan.texts("h1[itemprop=name]"),
  ];
  const altTitles = scan.attrs("h1[data-alternativetitles]", "data-alternativetitles");
  const startYears = scan.texts("span[itemprop=startDate]");
  const endYears = scan.texts("span[itemprop=endDate]");
  const fullDescriptions = scan.attrs("p.seri_des", "data-full-description");
  const shortDescriptions = scan.texts("p.seri_des");
  const genres = [scan.texts("div.genres a[itemprop=genre]"), scan.texts("div.genres li a")];
  const covers: { src: string | null; lazy: string | null }[] = [];
  const backdrops = scan.attrs("section.SeriesSection div.backdrop", "style");
  const fsk = scan.attrs("div[data-fsk]", "data-fsk");
  const imdb = [scan.attrs("a.imdb-link", "data-imdb"), scan.attrs("[data-imdb]", "data-imdb")];
  const imdbLinks = scan.attrs('a[href*="imdb.com/title/"]', "href");
  const links = scan.attrs("a[href]", "href");
  const alerts = scan.texts("div.messageAlert.danger");
  scan.on("div.seriesCoverBox img", {
    element: (el) => {
      covers.push({ src: el.getAttribute("src"), lazy: el.getAttribute("data-src") });
    },
  });
  scan.run(html);

  const title = firstText(titles);
  if (!title) {
    if (alerts.length)
      throw new ProviderError("aniworld", 404, `series "${slug}" was not found`, { retryable: false });
    throw new ProviderError(
      "aniworld",
      null,
      `the page layout changed: the page of "${slug}" has no series title`,
      {
        code: "layout",
      },
    );
  }
  const backdropRaw = /url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(attrText(backdrops[0]))?.[1];
  const imdbId = [...imdb.flat(), ...imdbLinks.map((href) => /\/title\/(tt\d+)/.exec(href)?.[1])]
    .map((raw) => attrText(raw))
    .find((id) => /^tt\d{5,10}$/.test(id));
  const cover = covers.map((c) => lazyImageUrl(c.src, c.lazy)).find((url) => url);
  return {
    slug,
    title,
    alternativeTitles: unique(
      attrText(altTitles[0])
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t && t !== title),
    ),
    startYear: year(startYears[0]),
    endYear: year(endYears[0]),
    description: attrText(fullDescriptions[0]) || attrText(shortDescriptions[0]),
    genres: unique(
      (genres.find((list) => list.length) ?? [])
        .map(attrText)
        .filter((g) => g && !PSEUDO_GENRES.has(g.toLowerCase())),
    ),
    coverUrl: sameHostUrl(cover, base),
    backdropUrl: sameHostUrl(backdropRaw ? attrText(backdropRaw) : null, base),
    ageRating: smallInt(fsk[0]),
    imdbId: imdbId ?? null,
    seasons: seasonsFromLinks(links, slug),
  };
}

/** Season numbers from links to this series' season pages; "/filme" is season 0. */
export function seasonsFromLinks(links: string[], slug: string): number[] {
  const seasons = new Set<number>();
  const prefix = `/anime/stream/${slug.toLowerCase()}/`;
  for (const raw of links) {
    let path: string;
    try {
      path = new URL(attrText(raw), "http://x").pathname.toLowerCase();
    } catch {
      continue;
    }
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length).replace(/\/$/, "");
    const m = /^staffel-(\d{1,4})$/.exec(rest);
    if (m) seasons.add(Number(m[1]));
    else if (rest === "filme") seasons.add(0);
  }
  return [...seasons].sort((a, b) => a - b);
}

/** The first candidate list whose first entry has text. */
function firstText(candidates: string[][]): string {
  for (const list of candidates) {
    const text = attrText(list[0]);
    if (text) return text;
  }
  return "";
}

function year(raw: string | undefined): number | null {
  const m = /\b(1[89]\d\d|2\d\d\d)\b/.exec(attrText(raw));
  return m ? Number(m[1]) : null;
}

function smallInt(raw: string | undefined): number | null {
  const text = attrText(raw);
  return /^\d{1,2}$/.test(text) ? Number(text) : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

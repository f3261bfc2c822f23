/** HTML shaped like aniworld.to's pages (facts/aniworld.md) for one sample series. */
import type { Language } from "../../shared/languages.ts";
import type { SampleEpisode, SampleSeries } from "./sample-catalogue.ts";

export function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export const FLAG: Record<Language, string> = {
  de: "german.svg",
  "de-sub": "japanese-german.svg",
  "en-sub": "japanese-english.svg",
  en: "english.svg",
};

/** The catalogue's numeric language keys; odd series swap 2 and 3 (clients disagree, pages tell). */
export function langKey(series: SampleSeries, lang: Language): number {
  const base: Record<Language, number> = { de: 1, "en-sub": 2, "de-sub": 3, en: 4 };
  const k = base[lang];
  return series.index % 2 === 1 && (k === 2 || k === 3) ? 5 - k : k;
}

/**
 * "classic": the markup the parsers were first written against. "real": what captured pages of the live
 * site look like now — lazy images (`src` a data: placeholder, the real URL in `data-src`, flags included),
 * no language box on some episode pages (keys 1/2/3 then), `/r?t=<token>` links on some series and PNG
 * covers on some. "full": whole pages with the shapes public clients of the site meet and defend against
 * (see catalogue-full-pages.ts).
 */
export type Markup = "classic" | "real" | "full";

export const PLACEHOLDER =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

function flagImg(markup: Markup, lang: Language, attrs: string): string {
  return markup === "real"
    ? `<img ${attrs} src="${PLACEHOLDER}" data-src="/public/img/${FLAG[lang]}" title="${lang}">`
    : `<img ${attrs} src="/public/img/${FLAG[lang]}" title="${lang}">`;
}

/** Real-markup series without a language box: only those whose keys are the usual 1/2/3. */
export const hasLanguageBox = (s: SampleSeries, markup: Markup) => markup === "classic" || s.index % 6 !== 0;
/** Real-markup series whose links use the sister site's `/r?t=<token>` form. */
export const usesTokenLinks = (s: SampleSeries, markup: Markup) => markup === "real" && s.index % 4 === 1;
/** Real-markup series whose cover is a PNG. */
export const hasPngCover = (s: SampleSeries, markup: Markup) => markup === "real" && s.index % 5 === 0;

const layout = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>${esc(title)} | AniWorld</title>` +
  `<script>window.dataLayer=[];</script></head><body><header><nav><a href="/">AniWorld</a></nav></header>${body}` +
  `<footer><p>Stand-in &copy; AniWorld</p></footer></body></html>`;

function seriesHeader(s: SampleSeries, markup: Markup): string {
  const cover = `/public/img/cover/${s.slug}-cover_220x330.${hasPngCover(s, markup) ? "png" : "jpg"}`;
  const coverImg =
    markup === "real"
      ? `<img src="${PLACEHOLDER}" data-src="${cover}" alt="${esc(s.titleDe)}">`
      : `<img src="/public/img/loading.svg" data-src="${cover}" alt="${esc(s.titleDe)}">`;
  const seasonLinks = [...s.seasons.keys()]
    .sort((a, b) => a - b)
    .map((n) =>
      n === 0
        ? `<li><a href="/anime/stream/${s.slug}/filme" title="Alle Filme">Filme</a></li>`
        : `<li><a href="/anime/stream/${s.slug}/staffel-${n}" title="Staffel ${n}">${n}</a></li>`,
    )
    .join("");
  const genres = [...s.genres, "Ger", "EngSub"]
    .map(
      (g) =>
        `<li><a itemprop="genre" href="/genre/${encodeURIComponent(g)}" class="genreButton">${esc(g)}</a></li>`,
    )
    .join("");
  return (
    `<section class="SeriesSection"><div class="backdrop" style="background-image: url('/public/img/backdrop/${s.slug}.jpg')"></div>` +
    `<div class="container"><div class="seriesCoverBox">${coverImg}</div>` +
    `<div class="series-title"><h1 itemprop="name" data-alternativetitles="${esc(s.altTitles.join(", "))}"><span>${esc(s.titleDe)}</span></h1>` +
    `<small><span itemprop="startDate"><a href="/animes/jahr/${s.startYear}">${s.startYear}</a></span> - ` +
    `<span itemprop="endDate"><a href="#">${s.endYear ?? "heute"}</a></span></small>` +
    `<div data-fsk="${s.fsk}" class="fsk fsk${s.fsk}"></div>` +
    (s.imdbId
      ? `<a class="imdb-link" data-imdb="${s.imdbId}" href="https://www.imdb.com/title/${s.imdbId}" target="_blank">IMDB</a>`
      : "") +
    `</div><div class="genres"><ul>${genres}</ul></div>` +
    `<p class="seri_des" itemprop="accessibilitySummary" data-full-description="${esc(s.descriptionDe)}">${esc(s.descriptionDe.slice(0, 40))}…</p>` +
    `</div></section><div id="stream" class="hosterSiteDirectNav"><ul>${seasonLinks}</ul>` +
    `<meta itemprop="numberOfSeasons" content="${[...s.seasons.keys()].filter((n) => n > 0).length}"></div>`
  );
}

export function seriesPage(s: SampleSeries, markup: Markup = "classic"): string {
  return layout(s.titleDe, seriesHeader(s, markup));
}

export function episodeHref(s: SampleSeries, season: number, n: number): string {
  return season === 0
    ? `/anime/stream/${s.slug}/filme/film-${n}`
    : `/anime/stream/${s.slug}/staffel-${season}/episode-${n}`;
}

export function seasonPage(
  s: SampleSeries,
  season: number,
  episodes: SampleEpisode[],
  markup: Markup = "classic",
): string {
  const rows = episodes
    .map((e, i) => {
      const href = episodeHref(s, season, e.number);
      const icons = e.hosters.map((h) => `<i class="icon ${esc(h)}" title="${esc(h)}"></i>`).join("");
      const flags = e.languages.map((l) => flagImg(markup, l, 'class="flag"')).join("");
      return (
        `<tr class="${i % 2 ? "odd" : "even"}" itemprop="episode" itemscope itemtype="http://schema.org/Episode" data-episode-id="${s.index * 10_000 + season * 1000 + e.number}" data-episode-season-id="${e.number}">` +
        `<td class="season${season}EpisodeID"><meta itemprop="episodeNumber" content="${e.number}"><a itemprop="url" href="${href}">${season === 0 ? "Film" : "Folge"} ${e.number}</a></td>` +
        `<td class="seasonEpisodeTitle"><a href="${href}"><strong>${esc(e.titleDe)}</strong> - <span>${esc(e.titleEn)}</span></a></td>` +
        `<td><a href="${href}">${icons}</a></td><td class="editFunctions"><a href="${href}">${flags}</a></td></tr>`
      );
    })
    .join("");
  return layout(
    s.titleDe,
    `${seriesHeader(s, markup)}<table class="seasonEpisodesList" data-season-id="${season}"><tbody>${rows}</tbody></table>`,
  );
}

/** `linkId(lang, hoster)` gives the /redirect id the server will resolve. */
export function episodePage(
  s: SampleSeries,
  season: number,
  e: SampleEpisode,
  linkId: (l: Language, h: string) => string,
  markup: Markup = "classic",
): string {
  const box = hasLanguageBox(s, markup)
    ? `<div class="changeLanguageBox">${e.languages
        .map((l) =>
          flagImg(
            markup,
            l,
            `data-lang-key="${langKey(s, l)}" class="${l === e.languages[0] ? "selectedLanguage" : ""}"`,
          ),
        )
        .join("")}</div>`
    : "";
  const target = (id: string) => (usesTokenLinks(s, markup) ? `/r?t=${linkToken(id)}` : `/redirect/${id}`);
  const links = e.languages
    .flatMap((l) =>
      e.hosters.map((h) => {
        const id = linkId(l, h);
        return (
          `<li class="col-md-3 col-xs-12 col-sm-6 episodeLink${id}" data-lang-key="${langKey(s, l)}" data-link-id="${id}" data-link-target="${target(id)}">` +
          `<div><a class="watchEpisode" itemprop="url" href="${target(id)}" target="_blank"><i class="icon ${esc(h)}" title="Hoster ${esc(h)}"></i>` +
          `<h4>${esc(h)}</h4><div class="hosterSiteVideoButton">Video ansehen</div></a></div></li>`
        );
      }),
    )
    .join("");
  return layout(
    s.titleDe,
    `${seriesHeader(s, markup)}<div class="hosterSiteTitle" data-season="${season}" data-episode-id="${e.number}"><h2><span class="episodeGermanTitle">${esc(e.titleDe)}</span> ` +
      `<small class="episodeEnglishTitle">${esc(e.titleEn)}</small></h2></div><p class="descriptionSpoiler">${esc(e.titleEn)}</p>` +
      `${box}<div class="hosterSiteVideo"><ul class="row">${links}</ul></div>`,
  );
}

export function notFoundPage(): string {
  return layout(
    "Nicht gefunden",
    `<div class="messageAlert danger">Die gewünschte Serie wurde nicht gefunden.</div>`,
  );
}

/** The `/r?t=` token of a link id (opaque to clients, reversible for the stand-in). */
export function linkToken(id: string): string {
  return btoa(`link:${id}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

export function idOfToken(token: string): string | null {
  try {
    const text = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    return text.startsWith("link:") ? text.slice(5) : null;
  } catch {
    return null;
  }
}

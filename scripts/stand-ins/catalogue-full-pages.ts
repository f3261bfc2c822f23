/**
 * Whole catalogue pages in the shapes public clients of aniworld.to meet and defend against, mixed per
 * series (`shape` = index % 4) and per row, inside the long page frame (catalogue-page-frame.ts):
 * - series: title in `h1 > span` or only in `h1`; years with or without the `<a>`; genres with or without
 *   `itemprop`; IMDb as `a.imdb-link[data-imdb]` or only an imdb.com link; relative, absolute and
 *   protocol-relative URLs; `&amp;` in attributes; non-ASCII as numeric entities; upper-case tags.
 * - season rows: with `meta[itemprop=episodeNumber]` and `data-episode-id`, or without both (number only
 *   in the link); a table known only by its `tbody#season<N>`; `<br>` inside titles, "[Episode N]" after
 *   English ones; flags lazy (`data-src` with a query) or named only by `title`;
 *   upper-case tags with single-quoted and unquoted attributes; films with an empty `<strong>`.
 * - hoster links: `li[data-link-target]` with `h4`; `li` with only an absolute `a.watchEpisode` and the
 *   name only on the icon; `div[data-lang-key]` with a protocol-relative link; only `data-link-id`.
 * - language box: lazy flags, or flags named only by `title` (the key mapping must still be read).
 */
import type { Language } from "../../shared/languages.ts";
import { fullPage } from "./catalogue-page-frame.ts";
import { episodeHref, esc, FLAG, langKey, PLACEHOLDER } from "./catalogue-pages.ts";
import type { SampleEpisode, SampleSeries } from "./sample-catalogue.ts";

/** What the site writes in a flag's `title` and `alt` (captured pages, quoted by several clients). */
const FLAG_TITLE: Record<Language, [string, string]> = {
  de: ["Deutsch/German", "Deutsche Sprache, Flagge"],
  "de-sub": ["Mit deutschem Untertitel", "Deutsche Flagge, Untertitel, Flagge"],
  "en-sub": ["Englisch", "Englische Sprache, Flagge"],
  en: ["Englisch synchronisiert", "Englische Synchronisation, Flagge"],
};

const shapeOf = (s: SampleSeries) => s.index % 4;

/** Every character outside ASCII as a numeric entity, as some pages (and feeds) write them. */
const escNumeric = (text: string) => esc(text).replace(/[^\x20-\x7e]/gu, (c) => `&#${c.codePointAt(0)};`);

function url(origin: string, path: string, form: number): string {
  if (form === 1) return `${origin}${path}`;
  if (form === 2) return `//${new URL(origin).host}${path}`;
  return path;
}

function flag(lang: Language, lazy: boolean, attrs = ""): string {
  const [title, alt] = FLAG_TITLE[lang];
  return lazy
    ? `<img class="flag"${attrs} src="${PLACEHOLDER}" data-src="/public/img/${FLAG[lang]}?v=2" alt="${alt}" title="${title}">`
    : `<img class="flag"${attrs} src="${PLACEHOLDER}" alt="${alt}" title="${title}">`;
}

function seriesHeader(s: SampleSeries, origin: string): string {
  const shape = shapeOf(s);
  const text = shape === 3 ? escNumeric : esc;
  const cover = url(origin, `/public/img/cover/${s.slug}-cover_220x330.jpg`, shape % 3);
  const coverQuery = shape === 3 ? "?v=2&amp;h=330" : "";
  const alt = esc(s.altTitles.join(", "));
  const title =
    shape % 2 === 0
      ? `<h1 itemprop="name" title="Animes Stream: ${alt}" data-alternativetitles="${alt}"><span>${text(s.titleDe)}</span></h1>`
      : `<h1 itemprop='name' data-alternativetitles='${alt}'>${text(s.titleDe)}</h1>`;
  const end = s.endYear ?? "heute";
  const years =
    shape % 2 === 0
      ? `<span itemprop="startDate"><a href="https://aniworld.to/animes/jahr/${s.startYear}">${s.startYear}</a></span> - <span itemprop="endDate"><a href="https://aniworld.to/animes/jahr/${end}">${end}</a></span>`
      : `<span itemprop=startDate>${s.startYear}</span> - <span itemprop=endDate>${end}</span>`;
  const imdb = !s.imdbId
    ? ""
    : shape % 2 === 0
      ? `<a href="https://www.imdb.com/title/${s.imdbId}" title="IMDB ID: ${s.imdbId}" data-imdb="${s.imdbId}" class="imdb-link" target="_blank" rel="noopener">IMDB</a>`
      : `<a href="https://www.imdb.com/title/${s.imdbId}/" target="_blank" rel="noopener">IMDB</a>`;
  const genres = [...s.genres, "Ger", "GerSub", "EngSub"]
    .map((g) =>
      shape < 2
        ? `<li><a href="/genre/${encodeURIComponent(g)}" class="genreButton clearbutton" itemprop="genre">${text(g)}</a></li>`
        : `<li><a href="/genre/${encodeURIComponent(g)}" class="genreButton clearbutton">${text(g)}</a></li>`,
    )
    .join("");
  const seasons = [...s.seasons.keys()].sort((a, b) => a - b);
  const seasonLink = (n: number) =>
    n === 0
      ? `<li><a href="${url(origin, `/anime/stream/${s.slug}/filme`, shape % 3)}/" title="Alle Filme">Filme</a></li>`
      : shape === 3
        ? `<LI><A HREF=/anime/stream/${s.slug}/staffel-${n}/ TITLE='Staffel ${n}'>${n}</A></LI>`
        : `<li><a href="${url(origin, `/anime/stream/${s.slug}/staffel-${n}`, shape % 3)}" title="Staffel ${n}">${n}</a></li>`;
  return `<section class="SeriesSection">
  <div class="backdrop" style="background-image: url(&quot;/public/img/backdrop/${s.slug}.jpg&quot;)"></div>
  <div class="container row">
    <div class="seriesCoverBox"><img src="${PLACEHOLDER}" data-src="${cover}${coverQuery}" alt="${esc(s.titleDe)}, Cover, HD, Anime Stream" itemprop="image"><noscript><img src="${cover}" alt="Cover"></noscript></div>
    <div class="series-title">
      ${title}
      <small> (${years})</small>
      <div title="Empfohlene Altersfreigabe: ${s.fsk} Jahre" data-fsk="${s.fsk}" class="fsk fsk${s.fsk}">Ab: <span>${s.fsk}</span></div>
      ${imdb}
    </div>
    <div class="genres"><ul data-main-genre="${esc(s.genres[0] ?? "")}">${genres}<li><button class="hiddenArea">+ 2</button></li></ul></div>
    <p class="seri_des" itemprop="accessibilitySummary" data-description-type="review" data-full-description="${text(s.descriptionDe)}">${text(s.descriptionDe.slice(0, 30))}...<span class="showMore">mehr anzeigen</span></p>
    <div class="cast"><ul><li class="seriesDirector"><strong>Regisseure:</strong><ul><li itemprop="director" itemscope itemtype="http://schema.org/Person"><a href="/animes/regisseur/rin-aoi" itemprop="url"><span itemprop="name">Rin Aoi</span></a></li></ul></li></ul></div>
    <div class="related"><a href="/anime/stream/${s.slug}-2/staffel-9">Fortsetzung</a> <a href="/anime/stream/other-${s.slug}/filme">Spin-off</a></div>
  </div>
</section>
<div id="stream" class="hosterSiteDirectNav"><ul><li><span><strong>Staffeln:</strong></span></li>${seasons.map(seasonLink).join("")}</ul>
<meta itemprop="numberOfSeasons" content="${seasons.length}"></div>`;
}

/** A link that a script would insert for a season the page does not list (inert: in template/comment/script). */
const seriesDecoy = (s: SampleSeries) =>
  `<div id="stream"><ul><li><a href="/anime/stream/${s.slug}/staffel-99" title="Staffel 99">99</a></li></ul></div>`;

export function fullSeriesPage(s: SampleSeries, origin: string): string {
  return fullPage(s.titleDe, seriesHeader(s, origin), seriesDecoy(s));
}

function seasonRow(s: SampleSeries, season: number, e: SampleEpisode, i: number, origin: string): string {
  const href = episodeHref(s, season, e.number);
  const id = s.index * 10_000 + season * 1000 + e.number;
  const icons = (quote: string) =>
    e.hosters
      .map((h) => `<i class=${quote}icon ${esc(h)}${quote} title=${quote}${esc(h)}${quote}></i>`)
      .join("");
  const titles = `<strong>${esc(e.titleDe).replace(": ", ":<br>")}</strong> - <span>${esc(e.titleEn)} [Episode ${e.number}]</span>`;
  switch (i % 3) {
    case 0:
      return `<tr class="" data-episode-id="${id}" data-episode-season-id="${e.number}" itemprop="episode" itemscope itemtype="http://schema.org/Episode">
  <td class="season${season}EpisodeID"><meta itemprop="episodeNumber" content="${e.number}"><a itemprop="url" href="${href}"> ${season === 0 ? "Film" : "Folge"} ${e.number} </a></td>
  <td class="seasonEpisodeTitle"><a href="${href}"> <strong>${esc(e.titleDe)}</strong> - <span>${esc(e.titleEn)}</span> </a></td>
  <td><a href="${href}">${icons('"')}</a></td>
  <td class="editFunctions"><a href="${href}">${e.languages.map((l) => flag(l, true)).join(" ")}</a></td>
</tr>`;
    case 1:
      return `<tr class="odd" itemprop="episode" itemscope itemtype="http://schema.org/Episode">
  <td class="season${season}EpisodeID"><a href="${url(origin, href, 1 + (e.number % 2))}">${season === 0 ? "Film" : "Folge"} ${e.number}</a></td>
  <td class="seasonEpisodeTitle"><a href="${url(origin, href, 1)}">${titles}</a></td>
  <td><a href="${url(origin, href, 1)}">${icons('"')}</a></td>
  <td class="editFunctions"><a href="${url(origin, href, 1)}">${e.languages.map((l) => flag(l, false)).join("")}</a></td>
</tr>`;
    default:
      return `<TR data-episode-id='${id}' ITEMTYPE='http://schema.org/Episode'>
  <TD class=season${season}EpisodeID><META itemprop=episodeNumber content=${e.number}><A href='${href}/'>${season === 0 ? "Film" : "Folge"} ${e.number}</A></TD>
  <TD class='seasonEpisodeTitle'><A href='${href}/'>${titles}</A></TD>
  <TD><A href='${href}/'>${icons("'")}</A></TD>
  <TD class=editFunctions>${e.languages.map((l) => `<IMG class=flag src='/public/img/${FLAG[l]}' title='${FLAG_TITLE[l][0]}'>`).join("")}</TD>
</TR>`;
  }
}

/** A row template the site's scripts clone: a parser must not take it for an episode. */
const rowDecoy = (s: SampleSeries, season: number) =>
  `<table class="seasonEpisodesList"><tbody><tr data-episode-id="0" itemtype="http://schema.org/Episode"><td><meta itemprop="episodeNumber" content="999"><a href="${episodeHref(s, season, 999)}">Folge 999</a></td><td class="seasonEpisodeTitle"><strong>Vorlage</strong></td></tr></tbody></table>`;

export function fullSeasonPage(
  s: SampleSeries,
  season: number,
  episodes: SampleEpisode[],
  origin: string,
): string {
  const nav = episodes
    .map(
      (e) =>
        `<li><a href="${episodeHref(s, season, e.number)}" title="${season === 0 ? "Film" : "Folge"} ${e.number}">${e.number}</a></li>`,
    )
    .join("");
  const rows = episodes.map((e, i) => seasonRow(s, season, e, i, origin)).join("\n");
  return fullPage(
    s.titleDe,
    `${seriesHeader(s, origin)}
<div class="hosterSiteDirectNav"><ul><li><span><strong>Episoden:</strong></span></li>${nav}</ul></div>
<table${shapeOf(s) === 3 ? "" : ' class="seasonEpisodesList"'} data-season-id="${season}">
<thead><tr><th>Folge</th><th>Titel</th><th>Hoster</th><th>Sprache</th></tr></thead>
<tbody id="season${season}">
${rows}
</tbody></table>`,
    rowDecoy(s, season),
  );
}

function hosterLink(
  s: SampleSeries,
  lang: Language,
  hoster: string,
  id: string,
  k: number,
  origin: string,
): string {
  const key = langKey(s, lang);
  const icon = `<i class="icon ${esc(hoster)}" title="Hoster ${esc(hoster)}"></i>`;
  const hidden = key === 1 ? "" : ' style="display: none;"';
  switch (k % 4) {
    case 0:
      return `<li class="col-md-3 col-xs-12 col-sm-6 episodeLink${id}" data-lang-key="${key}" data-link-id="${id}" data-link-target="/redirect/${id}" data-external-embed="false"${hidden}>
  <div class="generateInlinePlayer"><a class="watchEpisode" itemprop="url" href="/redirect/${id}" target="_blank">${icon}<h4>${esc(hoster)}</h4><div class="hosterSiteVideoButton">Video öffnen</div></a><span></span></div></li>`;
    case 1:
      return `<li class="col-md-3 col-xs-12 col-sm-6" data-lang-key="${key}"${hidden}><div><a class="watchEpisode" href="${origin}/redirect/${id}" target="_blank">${icon}<div class="hosterSiteVideoButton">Video öffnen</div></a></div></li>`;
    case 2:
      return `<div class="col-md-3 hosterLink" data-lang-key="${key}" data-link-id="${id}"${hidden}><a class="watchEpisode" href="${url(origin, `/redirect/${id}`, 2)}"><h4>${esc(hoster)}</h4></a></div>`;
    default:
      return `<LI CLASS='col-md-3' DATA-LANG-KEY='${key}' DATA-LINK-ID=${id}><DIV><A class=watchEpisode href=#>${icon}<H4>${esc(hoster)}</H4></A></DIV></LI>`;
  }
}

/** A hoster link template: a parser must not offer it as a stream. */
const linkDecoy = `<ul class="row"><li data-lang-key="1" data-link-id="9999" data-link-target="/redirect/9999"><a class="watchEpisode" href="/redirect/9999"><h4>Vorlage</h4></a></li></ul>`;

/** `linkId(lang, hoster)` gives the /redirect id the server will resolve. */
export function fullEpisodePage(
  s: SampleSeries,
  season: number,
  e: SampleEpisode,
  linkId: (l: Language, h: string) => string,
  origin: string,
): string {
  const lazy = shapeOf(s) % 2 === 0;
  const box = `<div class="changeLanguageBox">${e.languages
    .map((l, i) =>
      flag(l, lazy, ` data-lang-key="${langKey(s, l)}"${i === 0 ? ' class="selectedLanguage"' : ""}`),
    )
    .join("")}</div>`;
  const links = e.languages
    .flatMap((l, li) =>
      e.hosters.map((h, hi) => hosterLink(s, l, h, linkId(l, h), li + hi + s.index, origin)),
    )
    .join("\n");
  const heading = `<div class="hosterSiteTitle" data-episode-id="${e.number}" data-season="${season}"><h2><span class="episodeGermanTitle">${esc(e.titleDe)}</span> <small class="episodeEnglishTitle">${esc(e.titleEn)}</small></h2></div>`;
  return fullPage(
    s.titleDe,
    `${seriesHeader(s, origin)}
${heading}
<p class="descriptionSpoiler">${esc(e.titleEn)}</p>
<div class="hosterSiteVideo">${box}<ul class="row">
${links}
</ul><div class="inSiteWebStream"><iframe src="about:blank" title="Player"></iframe></div></div>`,
    linkDecoy,
  );
}

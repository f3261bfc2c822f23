/**
 * The long page around the catalogue content, as a browser receives it from aniworld.to: a head full of
 * meta, preload and tracking tags, a header with navigation and search, ads, comments, a `<template>` the
 * site's scripts clone, inline JSON and scripts, a footer. Decoys sit where a careless parser would find
 * them: markup inside comments, scripts, JSON and a template (never part of the page a reader sees).
 */
import { esc } from "./catalogue-pages.ts";

/** Navigation links to other series, as the header's "popular" menu carries them. */
const NAV_SERIES = ["one-piece", "naruto", "attack-on-titan", "demon-slayer"];

/**
 * `decoy` is the markup the site's scripts would clone (a row or hoster link template); it sits in a
 * `<template>`, an HTML comment and a script string, none of which a browser renders.
 */
export function fullPage(title: string, body: string, decoy: string): string {
  const nav = NAV_SERIES.map(
    (slug) => `<li><a href="/anime/stream/${slug}" title="${slug} Stream anschauen">${slug}</a></li>`,
  ).join("\n      ");
  const inlineJson = JSON.stringify({ user: null, csrf: "x9f3", decoy, series: { title } });
  return `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)} | AniWorld - Animes gratis online ansehen</title>
  <meta name="description" content="${esc(title)} online im Stream ansehen">
  <meta property="og:image" content="/public/img/facebook.jpg">
  <link rel="preload" href="/public/css/style.css?v=14" as="style">
  <link rel="stylesheet" href="/public/css/style.css?v=14">
  <link rel="icon" href="/favicon.ico">
  <script async src="/public/js/analytics.js"></script>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag("js", new Date());</script>
  <style>.seriesCoverBox img{width:220px}.hidden{display:none}</style>
</head>
<body class="seriesPage">
  <!-- header -->
  <header class="main-header">
    <div class="header-container">
      <a href="/" class="logo"><img src="/public/img/logo.svg" alt="AniWorld Logo"></a>
      <nav class="primary-navigation"><ul>
      <li><a href="/animes">Animes</a></li>
      <li><a href="/animekalender">Kalender</a></li>
      <li class="dropdown"><a href="/beliebte-animes">Beliebt</a><ul>
      ${nav}
      </ul></li>
      </ul></nav>
      <form id="searchform" action="/search" method="get"><input type="search" name="q" placeholder="Anime suchen"></form>
      <div class="user-menu"><a href="/login">Anmelden</a> <a href="/registrierung">Registrieren</a></div>
    </div>
  </header>
  <div class="ad-banner" data-ad-slot="top"><iframe src="about:blank" width="728" height="90" title="Werbung"></iframe></div>
  <!-- old layout, kept by the site for reference: ${decoy} -->
  <template id="item-template">${decoy}</template>
  <div id="wrapper">
${body}
  </div>
  <div class="ad-banner" data-ad-slot="bottom"><iframe src="about:blank" width="300" height="250" title="Werbung"></iframe></div>
  <footer class="main-footer">
    <ul><li><a href="/dmca">DMCA</a></li><li><a href="/impressum">Impressum</a></li><li><a href="/support">Support</a></li></ul>
    <p>&copy; 2026 AniWorld &middot; Alle Rechte vorbehalten</p>
  </footer>
  <script type="application/json" id="page-data">${inlineJson.replace(/</g, "\\u003c")}</script>
  <script>var rowTemplate = '${decoy.replace(/'/g, "\\'")}'; document.querySelectorAll("img[data-src]").forEach(function (i) { i.src = i.dataset.src; });</script>
  <script src="/public/js/app.js?v=14" defer></script>
</body>
</html>`;
}

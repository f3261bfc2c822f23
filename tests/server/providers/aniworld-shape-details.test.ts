import { expect, test } from "bun:test";
import { parseEpisodePage } from "../../../server/providers/aniworld/episode-page-parser.ts";
import { languageFromLabel } from "../../../server/providers/aniworld/flag-language.ts";
import { parseSeasonPage } from "../../../server/providers/aniworld/season-page-parser.ts";
import { parseSeriesPage } from "../../../server/providers/aniworld/series-page-parser.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";

// Shapes too rare for the full stand-in's mix, one page each.
const base = new URL("https://aniworld.to/");

test("episode numbers from data-episode-season-id or the link text when neither meta nor link carries one", () => {
  const page = `<table class="seasonEpisodesList"><tbody>
    <tr data-episode-season-id="4"><td><a href="#">Film</a></td><td class="seasonEpisodeTitle"><strong></strong> - <span>Der Film</span></td></tr>
    <tr><td><a href="javascript:void(0)">Film 7</a></td></tr>
    <tr><td><a href="#">Trailer</a></td></tr>
  </tbody></table>`;
  const films = parseSeasonPage(page, "x", 0);
  expect(films.map((e) => [e.number, e.titleDe, e.titleEn])).toEqual([
    [4, null, "Der Film"],
    [7, null, null],
  ]);
});

test("flag words map to languages the way aniworld.to writes them", () => {
  const cases: [string, string | null][] = [
    ["Deutsch/German", "de"],
    ["Deutsche Sprache, Flagge", "de"],
    ["Mit deutschem Untertitel", "de-sub"],
    ["Deutsche Flagge, Untertitel, Flagge", "de-sub"],
    ["Japanisch mit deutschen Untertiteln", "de-sub"],
    ["Englisch", "en-sub"],
    ["Englische Sprache, Flagge", "en-sub"],
    ["Japanisch, Englische Untertitel", "en-sub"],
    ["Englisch synchronisiert", "en"],
    ["English Dub", "en"],
    ["Klingonisch", null],
    ["", null],
  ];
  for (const [label, lang] of cases) expect([label, languageFromLabel(label)]).toEqual([label, lang]);
});

test("a language key on a wrapper around the flag, /r?t= tokens with %3D, + and /, and a hoster list without links", () => {
  const page = `<div class="hosterSiteVideo"><div class="changeLanguageBox">
      <a data-lang-key="7" href="#"><img src="/public/img/japanese-german.svg"></a>
      <a data-lang-key="8" href="#"><img data-src="/public/img/german.svg?v=3" src="data:image/gif;base64,R0lGOD"></a></div>
    <ul class="row">
      <li data-lang-key="7" data-link-target="/r?t=eyJpdiI6Ik+/x%3D%3D"><h4>VOE</h4></li>
      <li data-lang-key="8"><a href="https://aniworld.to/redirect/77"><i class="icon Filemoon"></i></a></li>
    </ul></div>`;
  expect(parseEpisodePage(page, "x")).toEqual([
    { hoster: "VOE", language: "de-sub", redirectPath: "/r?t=eyJpdiI6Ik+/x%3D%3D" },
    { hoster: "Filemoon", language: "de", redirectPath: "/redirect/77" },
  ]);
  const empty = `<div class="hosterSiteVideo"><ul class="row"></ul></div>`;
  expect(parseEpisodePage(empty, "x")).toEqual([]);
  const changed = parseEpisodePage.bind(null, "<main><p>Neu gestaltet</p></main>", "x");
  expect(changed).toThrow(ProviderError);
  expect(changed).toThrow("has no hoster links");
});

test("series title from h1[itemprop=name] outside the usual box; a page without one names what is missing", () => {
  const page = `<h1 itemprop="name">Sh&#x14D;jo&nbsp;&amp;<br>Co.</h1><a href="//aniworld.to/anime/stream/x/staffel-1/">1</a>`;
  const details = parseSeriesPage(page, "x", base);
  expect(details.title).toBe("Shōjo & Co.");
  expect(details.seasons).toEqual([1]);
  expect(() => parseSeriesPage("<main></main>", "x", base)).toThrow('the page of "x" has no series title');
});

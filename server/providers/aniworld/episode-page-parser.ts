import type { HosterLink } from "../../../shared/catalog.ts";
import type { Language } from "../../../shared/languages.ts";
import { ProviderError } from "../provider-error.ts";
import { REDIRECT_PATH, redirectPathOf } from "./catalog-urls.ts";
import { flagLanguage } from "./flag-language.ts";
import { attrText } from "./html-text.ts";
import { PageScan } from "./page-scan.ts";
import { hosterFromIcon } from "./season-page-parser.ts";

const FALLBACK_KEYS: [string, Language][] = [
  ["1", "de"],
  ["2", "en-sub"],
  ["3", "de-sub"],
];

interface RawLink {
  langKey: string;
  target: string | null;
  linkId: string | null;
  hrefs: string[];
  heading: string;
  icon: string | null;
}

const LINK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Parses an episode page into hoster links per language (facts/aniworld.md, "Episode page"). The numeric
 * language keys differ between pages, so they are mapped through the page's own language box. A hoster
 * link is any element with `data-lang-key` outside that box (an `li` on most pages, a `div` on some); its
 * redirect is `data-link-target`, else its `/redirect/` (or `/r?t=`) link, else `data-link-id`.
 */
export function parseEpisodePage(html: string, what: string): HosterLink[] {
  const scan = new PageScan();
  const keyToLanguage = new Map<string, Language>();
  const links: RawLink[] = [];
  const open: RawLink[] = [];
  const alerts = scan.texts("div.messageAlert.danger");
  let languageBox = false;
  let hosterList = false;
  let inBox = 0;
  let boxKey: string | null = null;
  const current = () => open.at(-1);
  const mapKey = (key: string, lang: Language | null) => {
    if (key && lang && !keyToLanguage.has(key)) keyToLanguage.set(key, lang);
  };
  scan
    .on(".changeLanguageBox", {
      element: (el) => {
        languageBox = true;
        inBox++;
        el.onEndTag(() => {
          inBox--;
        });
      },
    })
    .on(".changeLanguageBox [data-lang-key]", {
      element: (el) => {
        const key = attrText(el.getAttribute("data-lang-key"));
        const lang = flagLanguage(el);
        mapKey(key, lang);
        // A key on a wrapper (`<a data-lang-key><img …></a>`): the flag inside names the language.
        if (lang || el.selfClosing || !el.canHaveContent) return;
        boxKey = key;
        el.onEndTag(() => {
          boxKey = null;
        });
      },
    })
    .on(".changeLanguageBox img", {
      element: (el) => {
        if (boxKey !== null && el.getAttribute("data-lang-key") === null) mapKey(boxKey, flagLanguage(el));
      },
    })
    .on(".hosterSiteVideo", {
      element: () => {
        hosterList = true;
      },
    })
    .on("[data-lang-key]", {
      element: (el) => {
        if (inBox > 0 || el.selfClosing || !el.canHaveContent) return;
        const link: RawLink = {
          langKey: attrText(el.getAttribute("data-lang-key")),
          target: el.getAttribute("data-link-target"),
          linkId: el.getAttribute("data-link-id"),
          hrefs: [],
          heading: "",
          icon: null,
        };
        links.push(link);
        open.push(link);
        el.onEndTag(() => {
          open.pop();
        });
      },
    })
    .on("a[href]", {
      element: (el) => {
        current()?.hrefs.push(el.getAttribute("href") ?? "");
      },
    })
    .on("h4", {
      text: (chunk) => {
        const link = current();
        if (link) link.heading += chunk.text;
      },
    })
    .on("i.icon", {
      element: (el) => {
        const link = current();
        if (link && link.icon === null)
          link.icon = hosterFromIcon(el.getAttribute("class"), el.getAttribute("title"));
      },
    });
  scan.run(html);

  if (!languageBox && !hosterList && links.length === 0) {
    if (alerts.length)
      throw new ProviderError("aniworld", 404, `${what} was not found`, { retryable: false });
    throw new ProviderError(
      "aniworld",
      null,
      `the page layout changed: the page of ${what} has no hoster links`,
      {
        code: "layout",
      },
    );
  }
  // Without a language box, the keys other clients hard-code: 1 German Dub, 2 English Sub, 3 German Sub.
  if (keyToLanguage.size === 0) for (const [key, lang] of FALLBACK_KEYS) keyToLanguage.set(key, lang);
  const out: HosterLink[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    const language = keyToLanguage.get(link.langKey);
    const redirectPath = redirectOf(link);
    const heading = attrText(link.heading);
    const hoster = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(heading) ? heading : link.icon;
    if (!language || !hoster || !redirectPath || seen.has(redirectPath)) continue;
    seen.add(redirectPath);
    out.push({ hoster, language, redirectPath });
  }
  return out;
}

/** `data-link-target`, else the first redirect link inside, else `/redirect/<data-link-id>`. */
function redirectOf(link: RawLink): string | null {
  for (const raw of [link.target, ...link.hrefs]) {
    const path = redirectPathOf(attrText(raw));
    if (path) return path;
  }
  const id = attrText(link.linkId);
  return LINK_ID.test(id) && REDIRECT_PATH.test(`/redirect/${id}`) ? `/redirect/${id}` : null;
}

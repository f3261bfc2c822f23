import type { HosterLink } from "../../../shared/catalog.ts";
import { type Language, languageFromFlag } from "../../../shared/languages.ts";
import { ProviderError } from "../provider-error.ts";
import { REDIRECT_PATH, redirectPathOf } from "./catalog-urls.ts";
import { attrText, lazyImageUrl } from "./html-text.ts";
import { PageScan } from "./page-scan.ts";
import { hosterFromIcon } from "./season-page-parser.ts";

const FALLBACK_KEYS: [string, Language][] = [
  ["1", "de"],
  ["2", "en-sub"],
  ["3", "de-sub"],
];

interface RawLink {
  langKey: string;
  target: string;
  href: string | null;
  heading: string;
  icon: string | null;
}

/**
 * Parses an episode page into hoster links per language (facts/aniworld.md, "Episode page"). The numeric
 * language keys differ between pages, so they are mapped through the page's own language box.
 */
export function parseEpisodePage(html: string, what: string): HosterLink[] {
  const scan = new PageScan();
  const keyToLanguage = new Map<string, Language>();
  const links: RawLink[] = [];
  const alerts = scan.texts("div.messageAlert.danger");
  let languageBox = false;
  const current = () => links.at(-1);
  scan
    .on("div.changeLanguageBox", {
      element: () => {
        languageBox = true;
      },
    })
    .on("div.changeLanguageBox img[data-lang-key]", {
      element: (el) => {
        const key = attrText(el.getAttribute("data-lang-key"));
        const lang = languageFromFlag(lazyImageUrl(el.getAttribute("src"), el.getAttribute("data-src")));
        if (key && lang && !keyToLanguage.has(key)) keyToLanguage.set(key, lang);
      },
    })
    .on("li[data-lang-key][data-link-target]", {
      element: (el) => {
        links.push({
          langKey: attrText(el.getAttribute("data-lang-key")),
          target: attrText(el.getAttribute("data-link-target")),
          href: null,
          heading: "",
          icon: null,
        });
      },
    })
    .on("li[data-lang-key][data-link-target] a.watchEpisode", {
      element: (el) => {
        const link = current();
        if (link && link.href === null) link.href = attrText(el.getAttribute("href"));
      },
    })
    .on("li[data-lang-key][data-link-target] h4", {
      text: (chunk) => {
        const link = current();
        if (link && !scan.inCode) link.heading += chunk.text;
      },
    })
    .on("li[data-lang-key][data-link-target] i.icon", {
      element: (el) => {
        const link = current();
        if (link && link.icon === null)
          link.icon = hosterFromIcon(el.getAttribute("class"), el.getAttribute("title"));
      },
    });
  scan.run(html);

  if (!languageBox && links.length === 0) {
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
    const redirectPath = REDIRECT_PATH.test(link.target) ? link.target : redirectPathOf(link.href);
    const heading = attrText(link.heading);
    const hoster = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(heading) ? heading : link.icon;
    if (!language || !hoster || !redirectPath || !REDIRECT_PATH.test(redirectPath) || seen.has(redirectPath))
      continue;
    seen.add(redirectPath);
    out.push({ hoster, language, redirectPath });
  }
  return out;
}

/** The hostile sample series and search entries: markup and scripts where text belongs. */
import type { SampleSeries } from "./sample-catalogue.ts";

/** Raw markup appended inside the title span of "hostile-script" (real tags, not text). */
export const SCRIPT_TITLE_RAW = `<script>document.title="pwned"</script><img src=x onerror="alert(2)">`;

/** The hostile title as text: it must come out exactly like this, as plain text, never as markup. */
export const HOSTILE_TITLE_TEXT = `<script>alert(1)</script> Echt & "böse"`;

export function hostileSeries(template: SampleSeries): SampleSeries {
  const seasons = new Map(
    [...template.seasons].map(([n, eps]) => [
      n,
      eps.map((e) => ({
        ...e,
        titleDe: `<img src=x onerror="alert(${e.number})">Folge`,
        titleEn: `</td></tr><b>${e.titleEn}</b>`,
      })),
    ]),
  );
  return {
    ...template,
    index: 999,
    slug: "hostile-script",
    titleDe: HOSTILE_TITLE_TEXT,
    altTitles: [`<b>bold</b>`, "Harmlos"],
    descriptionDe: `<iframe src="https://evil.example/"></iframe>Beschreibung`,
    imdbId: null,
    tmdbId: null,
    seasons,
  };
}

export function hostileSearchEntries(): unknown[] {
  return [
    {
      name: "<script>alert(1)</script>Böse &amp; <em>Gut</em>",
      link: "hostile-script",
      description: `<img src=x onerror="alert(3)">Text`,
      cover: "https://evil.example/cover.jpg",
      productionYear: "(2020 - heute)",
    },
    { name: 42, link: "wrong-type" },
    { name: "Escape", link: "../../etc/passwd" },
    { name: "Javascript", link: "ok-slug", cover: "javascript:alert(1)", productionYear: null },
    "not an object",
  ];
}

import { describe, expect, test } from "bun:test";
import { parseEpisodeName } from "../../shared/episode-name-parser.ts";
import { ANIME } from "./name-tables/anime-names.ts";
import { PATHS } from "./name-tables/path-names.ts";
import {
  FOREIGN,
  NON_LATIN,
  NXM,
  PACKED,
  type SceneRow,
  SEASON_PACKS,
  SXXEYY,
} from "./name-tables/scene-names.ts";

/**
 * Table tests per kind of name. Every row must parse exactly; the accuracy summary printed at the end is the
 * figure the parser's documentation quotes (it is 100% by construction once green, so it is printed, not
 * asserted — the table rows are the assertions).
 */
const tally = new Map<string, { right: number; total: number }>();
function count(kind: string, right: boolean) {
  const t = tally.get(kind) ?? { right: 0, total: 0 };
  t.total++;
  if (right) t.right++;
  tally.set(kind, t);
}

/** Rows without a title get an explicit "unchecked" marker: test.each passes no missing trailing elements. */
const UNCHECKED = "\u0000unchecked";

function sceneTable(kind: string, rows: SceneRow[]) {
  describe(kind, () => {
    const full = rows.map(([i, s, e, t]) => [i, s, e, t === undefined ? UNCHECKED : t] as const);
    test.each(full)("%p", (input, season, episodes, title) => {
      const r = parseEpisodeName(input);
      count(kind, r.season === season && JSON.stringify(r.episodes) === JSON.stringify(episodes));
      expect({ season: r.season, episodes: r.episodes }).toEqual({ season, episodes });
      if (title !== UNCHECKED) expect(r.title).toBe(title);
    });
  });
}

sceneTable("scene SxxEyy", SXXEYY);
sceneTable("scene NxM", NXM);
sceneTable("scene packed / parts", PACKED);
sceneTable("foreign words", FOREIGN);
sceneTable("non-Latin titles", NON_LATIN);
sceneTable("season packs", SEASON_PACKS);

describe("anime", () => {
  test.each(ANIME)("%p", (input, title, season, numbers) => {
    const r = parseEpisodeName(input);
    const got = season === null ? r.absolute : r.episodes;
    count("anime numbers", r.season === season && JSON.stringify(got) === JSON.stringify(numbers));
    count("anime titles", r.title === title);
    expect({ title: r.title, season: r.season, numbers: got }).toEqual({ title, season, numbers });
  });
});

describe("paths", () => {
  const full = PATHS.map(([i, s, e, a, t]) => [i, s, e, a, t === undefined ? UNCHECKED : t] as const);
  test.each(full)("%p", (input, season, episodes, absolute, title) => {
    const r = parseEpisodeName(input);
    count("paths", r.season === season && JSON.stringify(r.episodes) === JSON.stringify(episodes));
    expect({ season: r.season, episodes: r.episodes, absolute: r.absolute }).toEqual({
      season,
      episodes,
      absolute,
    });
    if (title !== UNCHECKED) expect(r.title).toBe(title);
  });
});

test("the tables hold many names of every kind", () => {
  expect(
    SXXEYY.length + NXM.length + PACKED.length + FOREIGN.length + NON_LATIN.length + SEASON_PACKS.length,
  ).toBeGreaterThan(150);
  expect(ANIME.length).toBeGreaterThan(120);
  const lines = [...tally].map(([kind, t]) => `${kind}: ${t.right}/${t.total}`);
  console.log(`name-table accuracy — ${lines.join(", ")}`);
});

import { describe, expect, test } from "bun:test";
import { parseEpisodeName } from "../../shared/episode-name-parser.ts";
import { REAL_RELEASES } from "./name-tables/real-releases.ts";

/**
 * Real-world release names (tests/shared/name-tables/real-releases.ts): every row must read exactly, with the
 * title, the numbers and whatever further fields the row names.
 */
function reading(row: (typeof REAL_RELEASES)[number]) {
  const [input, , season, , also] = row;
  const r = parseEpisodeName(input);
  const got = {
    title: r.title,
    season: r.season,
    numbers: season === null ? r.absolute : r.episodes,
    ...Object.fromEntries(Object.keys(also ?? {}).map((k) => [k, r[k as keyof typeof also]])),
  };
  const want = { title: row[1], season, numbers: row[3], ...also };
  return { got, want };
}

describe("real release names", () => {
  test.each(REAL_RELEASES.map((row) => [row[0], row] as const))("%p", (_, row) => {
    const { got, want } = reading(row);
    expect(got).toEqual(want);
  });
});

test("the table holds at least 150 real names", () => {
  const right = REAL_RELEASES.filter((row) => {
    const { got, want } = reading(row);
    return JSON.stringify(got) === JSON.stringify(want);
  }).length;
  console.log(`real release names: ${right}/${REAL_RELEASES.length} fully right`);
  expect(REAL_RELEASES.length).toBeGreaterThanOrEqual(150);
});

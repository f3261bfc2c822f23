import { describe, expect, test } from "bun:test";
import { parseEpisodeName } from "../../shared/episode-name-parser.ts";
import { GENERATED_CASES, HAND_CASES, type NameCase } from "./episode-name-cases.ts";

function check([input, title, season, episodes, absolute, language]: NameCase) {
  const r = parseEpisodeName(input);
  expect({
    title: r.title,
    season: r.season,
    episodes: r.episodes,
    absolute: r.absolute,
    language: r.language,
  }).toEqual({ title, season, episodes, absolute, language });
}

describe("hand-written names", () => {
  test.each(HAND_CASES)("%p", (input, title, season, episodes, absolute, language) =>
    check([input, title, season, episodes, absolute, language]),
  );
});

describe("generated names (Aniworld template, older client, Sonarr, release styles)", () => {
  test.each(GENERATED_CASES)("%p", (input, title, season, episodes, absolute, language) =>
    check([input, title, season, episodes, absolute, language]),
  );
});

test("the table is a few hundred names", () => {
  expect(HAND_CASES.length + GENERATED_CASES.length).toBeGreaterThan(300);
});

test("versions, episode titles and years are kept", () => {
  const r = parseEpisodeName("Season 01/Naruto (2002) - S01E09v2 - Heimkehr [German Dub].mkv");
  expect(r).toMatchObject({ title: "Naruto", year: 2002, version: 2, episodeTitle: "Heimkehr", season: 1 });
});

test("a very long hostile name parses quickly enough to finish and yields plain values", () => {
  const name = `${"[a](b)-".repeat(5000)}S01E01${" - ".repeat(5000)}.mkv`;
  const r = parseEpisodeName(name);
  expect(r.season).toBe(1);
  expect(r.episodes).toEqual([1]);
});

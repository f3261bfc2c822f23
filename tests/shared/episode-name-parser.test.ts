import { describe, expect, test } from "bun:test";
import { parseEpisodeName, parseEpisodeNumbers } from "../../shared/episode-name-parser.ts";
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

describe("parseEpisodeNumbers (the scan's entry) reads every name exactly as parseEpisodeName", () => {
  const extra = [
    "Season 02/Title - 026.mkv",
    "Specials/Show - Film 2.mkv",
    "Staffel 3/Sub/01.mkv",
    "a\\b\\Season 4\\x - 05.mkv",
    "",
    "/",
    "[S01E01 1080p] Show.mkv",
    "Show [1080p] S01E01 (German Dub).mkv",
  ];
  test.each([...HAND_CASES, ...GENERATED_CASES].map((c) => c[0]).concat(extra))("%p", (input) => {
    const full = parseEpisodeName(input);
    const { seasonTag, ...numbers } = parseEpisodeNumbers(input);
    expect(numbers).toEqual({
      season: full.season,
      episodes: full.episodes,
      absolute: full.absolute,
      language: full.language,
    });
    if (seasonTag) expect(full.season).not.toBeNull();
  });
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

test("a translated title after a slash is the title; a year alone after the marker is the series' year", () => {
  expect(parseEpisodeName("Медная долина (S2E1) / Copper Valley (S2E1) (2023) WEB-DL 1080p")).toMatchObject({
    title: "Copper Valley",
    season: 2,
    episodes: [1],
    year: 2023,
    episodeTitle: null,
  });
});

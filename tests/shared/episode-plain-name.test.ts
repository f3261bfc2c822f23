import { expect, test } from "bun:test";
import { parseEpisodeNumbers } from "../../shared/episode-name-parser.ts";
import { readPlainName } from "../../shared/episode-plain-name.ts";
import { readFront } from "../../shared/episode-segment-reading.ts";
import { LANGUAGE_LABELS, LANGUAGES } from "../../shared/languages.ts";
import { stripMediaExtension } from "../../shared/media-files.ts";
import { NAME_CORPUS } from "./name-corpus.ts";

/**
 * The plain-name recogniser (shared/episode-plain-name.ts) is a fast path of the segment reading's front half:
 * wherever it answers, its answer must be exactly the full front half's (every field: the back half reads
 * nothing else, so equal fronts give equal readings). Checked over every name of the parser's corpora and over
 * generated variants of the app's own names and of the forms that must fall back (name-corpus.ts).
 */
/** The names the front half reads from an input: each path segment, with and without its extension. */
function segments(input: string): string[] {
  const parts = input.split(/[/\\]/).filter((p) => p.length > 0);
  return [input, ...parts, ...parts.map(stripMediaExtension)];
}

test("the plain-name fast path reads every name it accepts exactly as the full front half does", () => {
  let accepted = 0;
  let checked = 0;
  const differences: string[] = [];
  for (const input of NAME_CORPUS)
    for (const segment of segments(input)) {
      checked++;
      const plain = readPlainName(segment);
      if (plain === null) continue;
      accepted++;
      if (JSON.stringify(plain) !== JSON.stringify(readFront(segment))) differences.push(segment);
    }
  expect(differences).toEqual([]);
  expect(checked).toBeGreaterThan(30_000);
  // Not vacuous: a good share of the names goes through the fast path.
  expect(accepted).toBeGreaterThan(checked / 5);
});

test("the app's own names take the fast path, and read as written", () => {
  for (const language of LANGUAGES) {
    const name = `Series 0042 - S01E07 - Episode 7 [${LANGUAGE_LABELS[language]}]`;
    expect(readPlainName(name)).toEqual({
      name: "Series 0042 - S01E07 - Episode 7  ",
      bracketed: "Series 0042 - S01E07 - Episode 7  ",
      text: "Series 0042 - S01E07 - Episode 7 ",
      releaseStyle: false,
      group: null,
      grouped: false,
      language,
    });
    expect(parseEpisodeNumbers(`Season 01/${name}.mkv`)).toEqual({
      season: 1,
      episodes: [7],
      absolute: [],
      language,
      seasonTag: false,
    });
  }
});

test("names the fast path must leave to the full reading", () => {
  for (const name of [
    "Title - S01E01 - The German Girl [English Sub]", // a second tag-like word
    "Title - S01E01 - Name [German Dub] [1080p]", // more brackets
    "Title - S01E01 - Name [german dub]", // a label the app does not write
    "Title.S01E01.Name", // scene style: dots for spaces
    "Title_-_01", // underscores
    "Title - 01 - x264-LOL", // a possible scene group
    "Title  - S01E01", // two spaces
    "Тихая гавань - S01E01 [German Dub]", // beyond ASCII
    "[German Dub]", // nothing but the tag
  ])
    expect(readPlainName(name)).toBeNull();
});

import { expect, test } from "bun:test";
import { fileNameOf, pathSegments } from "../../shared/episode-path.ts";
import { NAME_CORPUS } from "./name-corpus.ts";

/** fileNameOf is a shortcut to the last of pathSegments: wherever it answers, it must be that segment. */
const PATHS = [
  "Season 01/Title - S01E07 - Name [German Dub].mkv",
  "C:\\tv\\Title\\Season 04\\Title - S04E01.mkv",
  "/tv/Title/Season 01\\Title - 01.mkv",
  "[原题/Title][01].mkv",
  "[Group] Title/[原题/Title][01].mkv",
  "【Group】Title/01.mkv",
  "Title] x/01.mkv",
  "Оригинал (S2E1) / Title (S2E1)",
  "Folder / Sub/Title - 01.mkv",
  "Title/ 01.mkv",
  "Title /01.mkv",
  "Season 01/",
  "/",
  "//",
  "",
  "a//b",
  "Title - 01.mkv",
];

test("the file name shortcut is the last path segment wherever it answers", () => {
  let answered = 0;
  const differences: string[] = [];
  for (const input of [...NAME_CORPUS, ...PATHS, ...PATHS.map((p) => `Series/${p}`)]) {
    const name = fileNameOf(input);
    if (name === null) continue;
    answered++;
    if (name !== (pathSegments(input).pop() ?? "")) differences.push(input);
  }
  expect(differences).toEqual([]);
  expect(answered).toBeGreaterThan(NAME_CORPUS.length / 2);
});

test("paths the shortcut leaves to the full split", () => {
  for (const input of ["[Group] Title/[原题/Title][01].mkv", "【Group】Title/01.mkv", "A / B", "Season 01/"])
    expect(fileNameOf(input)).toBeNull();
  expect(fileNameOf("Season 01/Title - S01E07.mkv")).toBe("Title - S01E07.mkv");
  expect(fileNameOf("C:\\tv\\Title - S01E07.mkv")).toBe("Title - S01E07.mkv");
  expect(fileNameOf("Title - S01E07.mkv")).toBe("Title - S01E07.mkv");
});

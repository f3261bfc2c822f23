import { expect, test } from "bun:test";
import { findLanguageTag } from "../../shared/episode-language-tag.ts";
import { artworkKindOf, isVideoFileName, stripMediaExtension } from "../../shared/media-files.ts";
import { parseSeasonFolder } from "../../shared/season-folder.ts";

test("season folders give their number; Specials and Filme are season 0; other names are not seasons", () => {
  const cases: [string, number | null][] = [
    ["Season 1", 1],
    ["Season 01", 1],
    ["season.12", 12],
    ["Staffel 1", 1],
    ["Staffel 03", 3],
    ["S01", 1],
    ["s2", 2],
    ["Season 00", 0],
    ["Specials", 0],
    ["Filme", 0],
    ["Movies", 0],
    ["Extras", null],
    ["Naruto", null],
    ["Season", null],
    ["Season One", null],
    ["S01E01", null],
    ["", null],
  ];
  for (const [name, season] of cases) expect([name, parseSeasonFolder(name)]).toEqual([name, season]);
});

test("language tags map to our codes, take their brackets along, and ignore a bare language word", () => {
  expect(findLanguageTag("Show - S01E01 - (German Dub)")).toEqual({
    language: "de",
    spans: [{ start: 16, end: 28 }],
  });
  expect(findLanguageTag("X [German Sub]")?.language).toBe("de-sub");
  expect(findLanguageTag("X [English Sub]")?.language).toBe("en-sub");
  expect(findLanguageTag("X [English Dub]")?.language).toBe("en");
  expect(findLanguageTag("X.GerSub.1080p")?.language).toBe("de-sub");
  // Both are on disk: the first in the catalogue's order is the reading.
  expect(findLanguageTag("German Sub then English Dub")?.language).toBe("de-sub");
  expect(findLanguageTag("The German Submarine")).toBeNull();
  expect(findLanguageTag("German")).toBeNull();
  expect(findLanguageTag("Subgerman")).toBeNull();
});

test("video extensions, side-file extensions and artwork names", () => {
  expect(isVideoFileName("a.MKV")).toBe(true);
  expect(isVideoFileName("a.mp4.part")).toBe(false);
  expect(isVideoFileName(".mkv")).toBe(false);
  expect(isVideoFileName("a.txt")).toBe(false);
  expect(stripMediaExtension("s01.e01")).toBe("s01.e01");
  expect(stripMediaExtension("x.srt")).toBe("x");
  expect(artworkKindOf("poster.jpg")).toBe("poster");
  expect(artworkKindOf("folder.png")).toBe("poster");
  expect(artworkKindOf("fanart-2.jpg")).toBe("fanart");
  expect(artworkKindOf("clearlogo.png")).toBe("logo");
  expect(artworkKindOf("Logo.PNG")).toBe("logo");
  expect(artworkKindOf("tvshow.nfo")).toBe("nfo");
  expect(artworkKindOf("season01-poster.jpg")).toBeNull();
  expect(artworkKindOf("poster.txt")).toBeNull();
});

test("extensions are compared in any case, the Unicode one included, and only whole", () => {
  for (const name of ["a.mkv", "a.Mkv", "a.M2TS", "a.m2ts", "a.STRM", "a.ISO"])
    expect(isVideoFileName(name)).toBe(true);
  // The Kelvin sign folds to "k" in JavaScript's lower case, as the extension set reads it.
  expect(isVideoFileName("a.m\u212Av")).toBe(true);
  for (const name of ["a.mk", "a.mkvv", "a.mkv ", "a.", "a.abcdefghijk", "a.m\u00e9v", "mkv"])
    expect(isVideoFileName(name)).toBe(false);
  expect(stripMediaExtension("Title - S01E01.NFO")).toBe("Title - S01E01");
  expect(stripMediaExtension("Title - S01E01.Ass")).toBe("Title - S01E01");
  expect(stripMediaExtension("Title - S01E01.part")).toBe("Title - S01E01.part");
  expect(stripMediaExtension("Title.S01E01.1080p")).toBe("Title.S01E01.1080p");
});

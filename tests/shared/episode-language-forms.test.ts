import { describe, expect, test } from "bun:test";
import { parseEpisodeName } from "../../shared/episode-name-parser.ts";
import type { Language } from "../../shared/languages.ts";

/**
 * The language forms of docs/file-names.md, read through the whole parser: what each names, that the tag
 * leaves the title and the episode title clean, and the forms that name none of our languages.
 */
const FORMS: [string, Language | null][] = [
  // Scene: DL is dual language (German audio beside the original), a bare German after the marker the audio.
  ["Title.S01E01.GERMAN.DL.1080p.WEB.h264-GROUP.mkv", "de"],
  ["Title.S01E01.German.DL.AAC.720p.WEB.x264-GROUP.mkv", "de"],
  ["Title.S01E01.German.1080p.BluRay.x264-GROUP.mkv", "de"],
  ["Title.S01E01.GERMAN.DUBBED.720p.WEB.h264-GROUP.mkv", "de"],
  ["Title.S01E01.German.AC3.Dubbed.DL.1080p.BluRay.x264-GROUP.mkv", "de"],
  ["Title.S01E01.German.DTS.DL.1080p.BluRay.x264-GROUP.mkv", "de"],
  ["Title.S01E01.GERMAN.ANiME.WEBRiP.x264-GROUP.mkv", "de"],
  ["Title.S01E01.GERMAN.SUBBED.1080p.WEB.h264-GROUP.mkv", "de-sub"],
  ["Title.S01E01.German.AC3.Subbed.720p.WEB.h264-GROUP.mkv", "de-sub"],
  // German fansub and streaming-rip forms.
  ["[Grp] Title - 01 (OmU) [1080p].mkv", "de-sub"],
  ["[Grp] Title - 01 [OmdU][1080p].mkv", "de-sub"],
  ["Title - 01 OmeU.mkv", "en-sub"],
  ["Title - 01 [Ger-Sub].mkv", "de-sub"],
  ["Title - 01 German Sub.mkv", "de-sub"],
  ["[GerDub] Title - 01 [1080p].mkv", "de"],
  ["Title Folge 01 (Deutsch).mp4", "de"],
  ["Title - Folge 01 - Ger Dub.mkv", "de"],
  ["Title - 01 - dt. Untertitel.mkv", "de-sub"],
  ["[GER+JAP] Title - S01E02 [1080p].mkv", "de"],
  ["Title - S01E02 [DE+JA].mkv", "de"],
  // English side.
  ["[Grp] Title - 01 [English Dub] [1080p].mkv", "en"],
  ["[Grp] Title - 01 [Eng Sub] [1080p].mkv", "en-sub"],
  ["[Grp] Title - 01 [1080p][ENG].mkv", "en-sub"],
  ["[Grp] Title - 01 (ENG+JAP) [1080p].mkv", "en"],
  ["[Erai-raws] Title - 01 [1080p][Multiple Subtitle] [ENG][POR-BR][SPA-LA][SPA].mkv", "en-sub"],
  // Two languages: both are on disk, the first in the catalogue's order wins.
  ["[Grp] Title - 01 [GerDub + EngSub] [1080p].mkv", "de"],
  ["[Erai-raws] Title - 01 [1080p][Multiple Subtitle] [ENG][POR-BR][FRE][GER][ITA].mkv", "de-sub"],
  ["Title - 01 [English Sub] [German Sub].mkv", "de-sub"],
  // A scene group named after its language is the group; the language comes from the tags before it.
  ["Title S01E01 English Sub 1080p WEB x264-GerDub.mkv", "en-sub"],
  ["Title S01E01 1080p WEB x264-GerDub.mkv", "de"],
  // None of ours: no languages named, other languages, a language word that is title.
  ["[Grp] Title - 01 [1080p][Multi-Subs].mkv", null],
  ["[Grp] Title - 01 (Multi Sub) [1080p].mkv", null],
  ["[Grp] Title - 01 [Dual Audio] [1080p].mkv", null],
  ["[Grp] Title - 01 (Dual-Audio) [BD 1080p].mkv", null],
  ["[Tsundere-Raws] Title - 01 VOSTFR (CR) [WEB 1080p x264 AAC].mkv", null],
  ["[Grp] Title - 01 [JAP].mkv", null],
  ["German.Shepherd.Tales.S01E02.1080p.WEB.h264-GRP.mkv", null],
  ["Title.S01E05.The.German.Girl.720p.WEB.h264-GRP.mkv", null],
  ["Title S01E05 - German.mkv", null],
  ["The German Submarine - 01.mkv", null],
  ["Omu Rice Diaries - 01.mkv", null],
  ["Title.S01E01.DUBBED.720p.HDTV.x264-GRP.mkv", null],
];

describe("language forms", () => {
  test.each(FORMS)("%p", (name, language) => {
    expect(parseEpisodeName(name).language).toBe(language);
  });
});

test("a language tag leaves the title and the episode title", () => {
  const pick = (name: string) => {
    const r = parseEpisodeName(name);
    return [r.title, r.season, r.episodes, r.absolute, r.episodeTitle, r.language];
  };
  expect(pick("Title.S01E01.Episode.Name.GERMAN.DL.720p.WEB.x264-GRP.mkv")).toEqual([
    "Title",
    1,
    [1],
    [],
    "Episode Name",
    "de",
  ]);
  expect(pick("Title.S01E01.Episode.Name.German.AC3.Dubbed.DL.1080p.BluRay.x264-GRP.mkv")).toEqual([
    "Title",
    1,
    [1],
    [],
    "Episode Name",
    "de",
  ]);
  expect(pick("Title.S01E01.German.1080p.BluRay.x264-GRP.mkv")).toEqual(["Title", 1, [1], [], null, "de"]);
  expect(pick("[Grp] Title - 04 (OmU) [1080p].mkv")).toEqual(["Title", null, [], [4], null, "de-sub"]);
  expect(pick("Title Folge 34 (Deutsch).mp4")).toEqual(["Title", null, [], [34], null, "de"]);
  expect(pick("[GER+JAP] Title - S04E02 [1080p].mkv")).toEqual(["Title", 4, [2], [], null, "de"]);
  expect(pick("German.Shepherd.Tales.S01E02.1080p.WEB.h264-GRP.mkv")).toEqual([
    "German Shepherd Tales",
    1,
    [2],
    [],
    null,
    null,
  ]);
});

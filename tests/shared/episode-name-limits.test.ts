import { expect, test } from "bun:test";
import { parseEpisodeName } from "../../shared/episode-name-parser.ts";

/**
 * What the parser knowingly does not do (listed in its header comment). These pin today's answer so a change
 * to any of them is a decision, not an accident.
 */
const read = (name: string) => {
  const r = parseEpisodeName(name);
  return { title: r.title, season: r.season, episodes: r.episodes, absolute: r.absolute };
};

test("absolute numbers under a season folder read as that season's episodes", () => {
  expect(read("Season 02/Harbor Tale - 026.mkv")).toEqual({
    title: "Harbor Tale",
    season: 2,
    episodes: [26],
    absolute: [],
  });
  // A group counting on from earlier seasons: only the catalogue knows season 3 has 22 episodes, so the
  // library's matcher maps it (tests/server/library/continued-numbering.test.ts).
  expect(read("[HorribleSubs] Harbor Tale S3 - 38 [720p].mkv")).toMatchObject({ season: 3, episodes: [38] });
});

test("a title's number in a group-tagged season pack is read as an episode", () => {
  expect(read("[Judas] Harbor Tale 100 (Season 3) [1080p][HEVC x265 10bit][Multi-Subs] (Batch)")).toEqual({
    title: "Harbor Tale",
    season: null,
    episodes: [],
    absolute: [100],
  });
});

test("a bare trailing number without group tag, dash or noise is part of the title; with a group tag it is an episode", () => {
  expect(read("Mob Psycho 100.mkv").absolute).toEqual([]);
  expect(read("Eve no Harbor 2 [88F4F7F0].mkv").absolute).toEqual([]);
  expect(read("[Ayu]_Kiddy_Harbor_2_-_Special_[H264_AC3][650B731B].mkv").absolute).toEqual([2]);
  expect(read("[Ayu]_Kiddy_Harbor_2_-_Pilot_[H264_AC3][650B731B].mkv")).toMatchObject({
    title: "Kiddy Harbor 2 - Pilot",
    absolute: [],
  });
});

test("a bare trailing number before a resolution, codec or source bracket is an episode, even a title's own", () => {
  expect(read("Harbor Clover 170 [1080p].mkv")).toMatchObject({ title: "Harbor Clover", absolute: [170] });
  expect(parseEpisodeName("Harbor Clover 170 (BD x265).mkv").confidence).toBe(0.5);
  expect(read("Harbor Clover 170 [WEB-DL].mkv").absolute).toEqual([170]);
  // The cost: a title ending in a number, with nothing else after it but the resolution.
  expect(read("Mob Harbor 100 [1080p].mkv")).toMatchObject({ title: "Mob Harbor", absolute: [100] });
  // A checksum alone, a group tag, a "No." or a 0 do not make it an episode.
  expect(read("Eve no Harbor 2 [88F4F7F0].mkv").absolute).toEqual([]);
  expect(read("Harbor Tale 13 [Grp] [1080p].mkv")).toMatchObject({ title: "Harbor Tale 13", absolute: [] });
  expect(read("Harbor No. 8 [1080p].mkv")).toMatchObject({ title: "Harbor No. 8", absolute: [] });
  expect(read("Harbor;Gate 0 [1080p].mkv")).toMatchObject({ title: "Harbor;Gate 0", absolute: [] });
});

test("half episodes give no number and are not reported as season-0 specials", () => {
  // Which special a recap is has to come from the catalogue: season 0 without an episode would read as a
  // season pack, and 11 or 12 would take a real episode's place. The file stays unmatched, with its title.
  const r = parseEpisodeName("[Commie] Harbor Tale - 11.5 [BD 720p AAC] [5F9C6D4E].mkv");
  expect(r).toMatchObject({ title: "Harbor Tale", season: null, episodes: [], absolute: [], confidence: 0 });
});

test("decimal episodes and daily shows give no number", () => {
  expect(read("[Zurako] Sora no Harbor - 07.5 - Drinking Party (BD 1080p AAC) [F7DF16F7].mkv")).toEqual({
    title: "Sora no Harbor",
    season: null,
    episodes: [],
    absolute: [],
  });
  expect(read("[Elysium]Sora.no.Harbor.EP07.5(BD.720p.AAC)[C37580F8].mkv")).toEqual({
    title: "Sora no Harbor",
    season: null,
    episodes: [],
    absolute: [],
  });
  // A number followed by a resolution or an audio layout is whole.
  expect(read("[Group] Harbor Tale 01.1080p.mkv").absolute).toEqual([1]);
  expect(read("Harbor Tale - 05 [AAC 5.1].mkv").absolute).toEqual([5]);
  expect(read("The.Daily.Harbor.2024.01.31.Guest.720p.WEB.h264-GRP")).toMatchObject({
    season: null,
    absolute: [],
  });
});

test("anime type words are not markers", () => {
  expect(read("[Coalgirls]_Harbordora_ED2_(704x480_DVD_AAC)_[3B65D1E6].mkv")).toMatchObject({
    title: "Harbordora",
    absolute: [],
  });
  expect(read("[UTW]_Accel_Harbor_-_EX01_[BD][h264-720p_AAC][3E56EE18].mkv").absolute).toEqual([]);
});

test("only German and English are languages; a German ending an episode title before noise is the audio", () => {
  expect(parseEpisodeName("Harbor Tale S01E01 VOSTFR.mkv").language).toBeNull();
  expect(parseEpisodeName("Harbor Tale S01E01 [DE].mkv").language).toBeNull();
  expect(parseEpisodeName("[Grp] Harbor Tale - 01 [Dual Audio].mkv").language).toBeNull();
  expect(parseEpisodeName("Harbor Tale S01E01 [German Dub].mkv").language).toBe("de");
  expect(parseEpisodeName("Harbor.Tale.S01E05.Learning.German.1080p.WEB.h264-GRP.mkv")).toMatchObject({
    language: "de",
    episodeTitle: "Learning",
  });
});

test("titles are kept as written; extra title brackets stay in the title", () => {
  expect(read("HARBOR tale S01E01.mkv").title).toBe("HARBOR tale");
  expect(read("[GM-Team][国漫][斗罗大陆][Harbor Title][Douro Mainland][2019][215][AVC][GB][1080P]")).toEqual({
    title: "Harbor Title - Douro Mainland",
    season: null,
    episodes: [],
    absolute: [215],
  });
  // A file index or tag glued before an underscored group tag is not title; a spaced word is.
  expect(read("37 [Ruberia]_Death_Harbor_-_37v2_[FINAL]_[XviD][6FA7D273].avi").title).toBe("Death Harbor");
  expect(read("Monster [Group] - 05 [720p].mkv").title).toBe("Monster");
});

test("episode parts, numbers joined by '&', a lone trailing tag and a later 'Part N' are not read as wished", () => {
  expect(read("[Grp] Harbor Tale - 111C [720p].mkv")).toMatchObject({ absolute: [], episodes: [] });
  expect(read("Harbor_Tale_Movies_8_&_10_[720p,BluRay,DTS,x264]_-_THORA").absolute).toEqual([]);
  expect(read("Harbor Tale 13 [Grp].mkv")).toMatchObject({ title: "Harbor Tale 13", absolute: [] });
  expect(read("[5F] Harbor Tale - 14 Forever Fall Part 2 pt-BR.mp4").absolute).toEqual([2]);
});

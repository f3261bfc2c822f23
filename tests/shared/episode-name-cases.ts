import type { Language } from "../../shared/languages.ts";

/** [input, title, season, episodes, absolute, language] — the expected parse of one real-world-style name. */
export type NameCase = [string, string | null, number | null, number[], number[], Language | null];

/** Hand-written cases: every supported form, the noise around it, and hostile inputs. */
export const HAND_CASES: NameCase[] = [
  // S01E01 family
  ["Show S01E01.mkv", "Show", 1, [1], [], null],
  ["Show - S01E01 - Pilot.mkv", "Show", 1, [1], [], null],
  ["show.s01e01.mkv", "show", 1, [1], [], null],
  ["Show.s01.e01.mkv", "Show", 1, [1], [], null],
  ["Show s01.e02.720p.mkv", "Show", 1, [2], [], null],
  ["Show - S01 - E01.mkv", "Show", 1, [1], [], null],
  ["Show S01 E01.mkv", "Show", 1, [1], [], null],
  ["Show_S01_E03_Title.mkv", "Show", 1, [3], [], null],
  ["Show S1E1.mp4", "Show", 1, [1], [], null],
  ["Show S10E100.mkv", "Show", 10, [100], [], null],
  ["Show S01E001.mkv", "Show", 1, [1], [], null],
  ["One Piece S01E1071.mkv", "One Piece", 1, [1071], [], null],
  ["Show S00E05 - OVA.mkv", "Show", 0, [5], [], null],
  ["Show S01E09v2.mkv", "Show", 1, [9], [], null],
  ["Show.S02E05.1080p.WEB-DL.x264-GRP.mkv", "Show", 2, [5], [], null],
  ["The.Show.Name.S03E12.Episode.Title.720p.HDTV.x264-GRP.mkv", "The Show Name", 3, [12], [], null],
  ["Show (2019) - S01E01 - Pilot [WEBDL-1080p].mkv", "Show", 1, [1], [], null],
  ["Show (2019) - S01E01 - Pilot [Bluray-1080p][x265].mkv", "Show", 1, [1], [], null],
  ["S01E01.mkv", null, 1, [1], [], null],
  ["s01e01 - Pilot.mkv", null, 1, [1], [], null],
  ["S01E01 - Pilot [1080p].mkv", null, 1, [1], [], null],
  // multi-episode
  ["Show S01E01-E03.mkv", "Show", 1, [1, 2, 3], [], null],
  ["Show S01E01E02.mkv", "Show", 1, [1, 2], [], null],
  ["Show S01E01-03.mkv", "Show", 1, [1, 2, 3], [], null],
  ["Show S01E01 - E02.mkv", "Show", 1, [1, 2], [], null],
  ["Show.S01E01.E02.mkv", "Show", 1, [1, 2], [], null],
  ["Show S01E01E02E03.mkv", "Show", 1, [1, 2, 3], [], null],
  ["Show S02E10-E11 - Finale.mkv", "Show", 2, [10, 11], [], null],
  ["Show - S01E05 - 100 Days.mkv", "Show", 1, [5], [], null],
  ["Show.S01E05-1080p.mkv", "Show", 1, [5], [], null],
  // NxNN
  ["Show 1x01.mkv", "Show", 1, [1], [], null],
  ["Show - 1x01 - Pilot.mkv", "Show", 1, [1], [], null],
  ["Show [1x01] Pilot.mkv", "Show", 1, [1], [], null],
  ["[1x01] Pilot.mkv", null, 1, [1], [], null],
  ["Show 1x01-1x02.mkv", "Show", 1, [1, 2], [], null],
  ["Show 1x01-1x03.mkv", "Show", 1, [1, 2, 3], [], null],
  ["Show 1x01x02.mkv", "Show", 1, [1, 2], [], null],
  ["Show 2x105.mkv", "Show", 2, [105], [], null],
  ["Show 10x01.mkv", "Show", 10, [1], [], null],
  ["Show 1920x1080 S01E02.mkv", "Show 1920x1080", 1, [2], [], null],
  ["3x3 Eyes - 01.mkv", "3x3 Eyes", null, [], [1], null],
  ["Spy x Family - 01.mkv", "Spy x Family", null, [], [1], null],
  // words
  ["Show Season 1 Episode 2.mkv", "Show", 1, [2], [], null],
  ["Show Staffel 2 Folge 7.mkv", "Show", 2, [7], [], null],
  ["Show - Staffel 1 - Folge 12.mp4", "Show", 1, [12], [], null],
  ["Show Season.3.Ep.04.mkv", "Show", 3, [4], [], null],
  ["Show - Episode 5.mkv", "Show", null, [], [5], null],
  ["Show - Folge 5.mkv", "Show", null, [], [5], null],
  ["Show Ep05.mkv", "Show", null, [], [5], null],
  ["Show Ep.05.mkv", "Show", null, [], [5], null],
  ["Show E05.mkv", "Show", null, [], [5], null],
  ["Show Episode 5-6.mkv", "Show", null, [], [5, 6], null],
  // anime season releases
  ["[SubsPlease] Spy x Family S2 - 05 (1080p) [ABCD1234].mkv", "Spy x Family", 2, [5], [], null],
  ["[SubsPlease] Oshi no Ko S2 - 13v2 (720p) [0123ABCD].mkv", "Oshi no Ko", 2, [13], [], null],
  // anime absolute numbering
  ["[Group] Title - 013 [1080p][ABCD1234].mkv", "Title", null, [], [13], null],
  [
    "[HorribleSubs] Boruto - Naruto Next Generations - 100 [720p].mkv",
    "Boruto - Naruto Next Generations",
    null,
    [],
    [100],
    null,
  ],
  [
    "[Erai-raws] One Piece - 1071 [1080p][Multiple Subtitle][ABCDEF12].mkv",
    "One Piece",
    null,
    [],
    [1071],
    null,
  ],
  ["Title - 013 - Name.mkv", "Title", null, [], [13], null],
  ["Title - 09v2 - Name.mkv", "Title", null, [], [9], null],
  ["Title - 09v2.mkv", "Title", null, [], [9], null],
  [
    "[Judas] Title - 01-02 [BD 1080p][HEVC x265 10bit][Dual-Audio][Multi-Subs].mkv",
    "Title",
    null,
    [],
    [1, 2],
    null,
  ],
  ["[Coalgirls]_Title_-_05_(1920x1080_Blu-ray_FLAC)_[89ABCDEF].mkv", "Title", null, [], [5], null],
  ["[Group] Title 13 [720p].mkv", "Title", null, [], [13], null],
  ["[Group] Title 13v2 [720p].mkv", "Title", null, [], [13], null],
  ["[Group] Title 2019 [720p].mkv", "Title 2019", null, [], [], null],
  ["Title – 07.mkv", "Title", null, [], [7], null],
  ["86 - Eighty Six - 01 [GerSub].mkv", "86 - Eighty Six", null, [], [1], "de-sub"],
  ["Title - 2nd Season - 05.mkv", "Title", 2, [5], [], null],
  ["Mob Psycho 100 - 03.mkv", "Mob Psycho 100", null, [], [3], null],
  // leading numbers
  ["01.mkv", null, null, [], [1], null],
  ["013 - Name.mkv", null, null, [], [13], null],
  ["05v2.mkv", null, null, [], [5], null],
  ["01-02.mkv", null, null, [], [1, 2], null],
  // season folders
  ["Season 1/01.mkv", null, 1, [1], [], null],
  ["Season 01/Show - 05.mkv", "Show", 1, [5], [], null],
  ["Season.2/E03.mkv", null, 2, [3], [], null],
  ["Staffel 1/Folge 5.mkv", null, 1, [5], [], null],
  ["S01/Show - 02.mkv", "Show", 1, [2], [], null],
  ["S3/Show E04.mkv", "Show", 3, [4], [], null],
  ["Specials/Show - 01.mkv", "Show", 0, [1], [], null],
  ["Specials/Show S00E02.mkv", "Show", 0, [2], [], null],
  ["Filme/Film 01.mkv", null, 0, [1], [], null],
  ["Show - Film 2.mkv", "Show", null, [], [2], null],
  ["Filme/Show - 02 - Der Film.mkv", "Show", 0, [2], [], null],
  ["Season 00/Show - 03.mkv", "Show", 0, [3], [], null],
  ["Movies/01.mkv", null, 0, [1], [], null],
  ["OVA/Show - 01.mkv", "Show", 0, [1], [], null],
  ["Season 02/Show S03E01.mkv", "Show", 3, [1], [], null],
  ["Season 1\\Show - 04.mkv", "Show", 1, [4], [], null],
  ["Show (2020) [imdbid-tt1234567]/Season 01/Show S01E001.mkv", "Show", 1, [1], [], null],
  ["Season 2/Extras/Show - 01.mkv", "Show", 2, [1], [], null],
  ["Extras/Show - 01.mkv", "Show", null, [], [1], null],
  // names Aniworld writes
  ["Season 01/Naruto - S01E01 - Heimkehr [German Dub].mkv", "Naruto", 1, [1], [], "de"],
  ["Season 00/Naruto - S00E01 - Der Film [German Sub].mp4", "Naruto", 0, [1], [], "de-sub"],
  ["Season 12/One Piece - S12E1071 - Luffy [English Sub].mkv", "One Piece", 12, [1071], [], "en-sub"],
  ["Season 01/Attack on Titan - S01E25 - Wall [English Dub].mkv", "Attack on Titan", 1, [25], [], "en"],
  ["Naruto - S01E001 - (German Dub).mp4", "Naruto", 1, [1], [], "de"],
  ["Naruto Shippuden - S21E500 - (German Sub).mp4", "Naruto Shippuden", 21, [500], [], "de-sub"],
  ["Demon Slayer - S00E001 - (English Sub).mp4", "Demon Slayer", 0, [1], [], "en-sub"],
  ["Title (2020) [imdbid-tt0000001]/Season 01/Title S01E001.mkv", "Title", 1, [1], [], null],
  // language tags
  ["Show - S01E01 [GerDub].mkv", "Show", 1, [1], [], "de"],
  ["Show - S01E01 [GerSub].mkv", "Show", 1, [1], [], "de-sub"],
  ["Show - S01E01 [EngSub].mkv", "Show", 1, [1], [], "en-sub"],
  ["Show - S01E01 [EngDub].mkv", "Show", 1, [1], [], "en"],
  ["Show.S01E01.German.Dub.1080p.mkv", "Show", 1, [1], [], "de"],
  ["Show S01E01 German Dubbed.mkv", "Show", 1, [1], [], "de"],
  ["Show S01E01 (English Subbed).mkv", "Show", 1, [1], [], "en-sub"],
  ["Show S01E01 Ger-Sub.mkv", "Show", 1, [1], [], "de-sub"],
  ["Show S01E01 Deutsch Sub.mkv", "Show", 1, [1], [], "de-sub"],
  ["German Show S01E01.mkv", "German Show", 1, [1], [], null],
  ["Show S01E01 German.mkv", "Show", 1, [1], [], null],
  // titles, years, ids, noise
  ["Show (2019)/Season 01/Show (2019) - S01E01.mkv", "Show", 1, [1], [], null],
  ["Show.Name.2019.S01E01.mkv", "Show Name", 1, [1], [], null],
  ["Dr. Stone - S01E01.mkv", "Dr. Stone", 1, [1], [], null],
  ["Re_Zero_S01E01.mkv", "Re Zero", 1, [1], [], null],
  ["Show [tmdbid-12345] - S01E01.mkv", "Show", 1, [1], [], null],
  ["[Group][Sub] Show - S01E02 [1080p].mkv", "Show", 1, [2], [], null],
  ["Show S01E01 [ABCD1234].mkv", "Show", 1, [1], [], null],
  ["Show S01E01 (1080p HEVC AAC).mkv", "Show", 1, [1], [], null],
  ["Show S01E01.strm", "Show", 1, [1], [], null],
  ["Show S01E01.nfo", "Show", 1, [1], [], null],
  ["Show S01E01", "Show", 1, [1], [], null],
  // nothing to find / hostile
  ["Mob Psycho 100.mkv", "Mob Psycho 100", null, [], [], null],
  ["poster.jpg", "poster jpg", null, [], [], null],
  ["", null, null, [], [], null],
  ["   ", null, null, [], [], null],
  ["/", null, null, [], [], null],
  ["../../etc/passwd", "passwd", null, [], [], null],
  ["<img src=x onerror=alert(1)> S01E01.mkv", "<img src=x onerror=alert(1)>", 1, [1], [], null],
  // "/" always separates folders, even inside what looks like markup.
  ["<script>alert(1)</script> S01E01.mkv", "script>", 1, [1], [], null],
  ["Show S99999E1.mkv", "Show S99999E1", null, [], [], null],
  ["[][][]", null, null, [], [], null],
  ["((((((((((", "(((((((((", null, [], [], null],
  ["Show - S01E200-E900.mkv", "Show", 1, [200, 900], [], null],
  ["Ünïcödé Shöw - S01E01 - Ärger.mkv", "Ünïcödé Shöw", 1, [1], [], null],
  ["進撃の巨人 - S01E01.mkv", "進撃の巨人", 1, [1], [], null],
];

const TEMPLATE_SERIES = [
  "Naruto",
  "One Piece",
  "Attack on Titan",
  "Demon Slayer: Kimetsu no Yaiba",
  "Re:Zero - Starting Life in Another World",
  "Spy x Family",
  "Jujutsu Kaisen",
  "Mob Psycho 100",
  "86 - Eighty Six",
  "Dr. Stone",
];
const LABELS: [string, Language][] = [
  ["German Dub", "de"],
  ["German Sub", "de-sub"],
  ["English Sub", "en-sub"],
  ["English Dub", "en"],
];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Generated names in the forms Aniworld and common tools write, across titles, seasons and languages. */
function generatedCases(): NameCase[] {
  const cases: NameCase[] = [];
  TEMPLATE_SERIES.forEach((series, i) => {
    const season = i % 4;
    const episode = [1, 9, 12, 24, 99, 100, 250, 1071][i % 8]!;
    for (const [label, code] of LABELS) {
      // The default naming template: Season {season:00}/{series} - S{season:00}E{episode:00} - {title} [{language}]
      cases.push([
        `Season ${pad(season, 2)}/${series} - S${pad(season, 2)}E${pad(episode, 2)} - Episode Title [${label}].mkv`,
        series,
        season,
        [episode],
        [],
        code,
      ]);
      // The older client: <Title> - S01E001 - (German Dub).mp4
      cases.push([
        `${series} - S${pad(season, 2)}E${pad(episode, 3)} - (${label}).mp4`,
        series,
        season,
        [episode],
        [],
        code,
      ]);
    }
    // Sonarr's default: {Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}
    cases.push([
      `${series} - S${pad(season, 2)}E${pad(episode, 2)} - A Title WEBDL-1080p.mkv`,
      series,
      season,
      [episode],
      [],
      null,
    ]);
    cases.push([
      `${series} - ${season}x${pad(episode, 2)} - A Title.mkv`,
      series,
      season,
      [episode],
      [],
      null,
    ]);
    cases.push([
      `Season ${season}/${series} S${pad(season, 2)}E${pad(episode, 2)}.mkv`,
      series,
      season,
      [episode],
      [],
      null,
    ]);
    cases.push([`Staffel ${season}/${series} - Folge ${episode}.mkv`, series, season, [episode], [], null]);
    cases.push([
      `[Group] ${series} - ${pad(episode, 3)} [1080p][0A1B2C3D].mkv`,
      series,
      null,
      [],
      [episode],
      null,
    ]);
    cases.push([
      `[Group] ${series} - ${pad(episode, 2)}v2 (BD 1080p x265).mkv`,
      series,
      null,
      [],
      [episode],
      null,
    ]);
    cases.push([`${series} - ${pad(episode, 3)} - Name.mkv`, series, null, [], [episode], null]);
    cases.push([
      `${series.replace(/[^A-Za-z0-9]+/g, ".")}.S${pad(season, 2)}E${pad(episode, 2)}.1080p.WEB.x264-GRP.mkv`,
      series.replace(/[^A-Za-z0-9]+/g, " ").trim(),
      season,
      [episode],
      [],
      null,
    ]);
    cases.push([
      `${series} S${pad(season, 2)}E${pad(episode, 2)}-E${pad(episode + 2, 2)}.mkv`,
      series,
      season,
      [episode, episode + 1, episode + 2],
      [],
      null,
    ]);
  });
  for (let e = 1; e <= 60; e++) {
    cases.push([`Season 01/Show - S01E${pad(e, 2)} - Folge ${e} [German Dub].mkv`, "Show", 1, [e], [], "de"]);
    cases.push([`[SubsPlease] Show - ${pad(e, 2)} (1080p) [${pad(e, 8)}].mkv`, "Show", null, [], [e], null]);
  }
  return cases;
}

export const GENERATED_CASES: NameCase[] = generatedCases();

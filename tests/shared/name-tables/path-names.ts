/**
 * Paths where the folder carries the season and episode and the file is a hash, a bare number or a name
 * without a marker; and library paths with season folders. Each row: [input, season, episodes, absolute, title].
 */
export type PathRow = [string, number | null, number[], number[], (string | null)?];

export const PATHS: PathRow[] = [
  ["/TV Drop/Harbor - 10x11 - Title [SDTV]/1011 - Title.avi", 10, [11], [], "Harbor"],
  ["S:\\TV Drop\\Harbor - 10x11 - Title [SDTV]\\1011 - Title.avi", 10, [11], [], "Harbor"],
  [
    "/TV Drop/Harbor Lights - 10x12 - 24 Hour Propane People [SDTV]/1012 - 24 Hour Propane People.avi",
    10,
    [12],
    [],
  ],
  ["/TV Drop/Harbor Lights - 10x12 - 24 Hour Propane People [SDTV]/Hour Propane People.avi", 10, [12], []],
  ["E:\\Downloads\\tv\\The.Big.Harbor.Theory.S01E01.720p.HDTV\\ajifajjjeaeaeqwer_eppj.avi", 1, [1], []],
  ["C:\\Test\\Unsorted\\The.Big.Harbor.Theory.S01E01.720p.HDTV\\tbht101.avi", 1, [1], []],
  [
    "/downloads/Terminator.The.Harbor.Chronicles.S02E19.720p.BluRay.x264-SiNNERS-RP/ba27283b17c00d01193eacc02a8ba98eeb523a76.mkv",
    2,
    [19],
    [],
    "Terminator The Harbor Chronicles",
  ],
  [
    "/downloads/Terminator.The.Harbor.Chronicles.S02E18.720p.BluRay.x264-SiNNERS-RP/45a55debe3856da318cc35882ad07e43cd32fd15.mkv",
    2,
    [18],
    [],
    "Terminator The Harbor Chronicles",
  ],
  ["C:/Test/TV/Harbor.4x05.HDTV.XviD-LOL", 4, [5], [], "Harbor"],
  ["z:\\tv shows\\harbor galactica (2003)\\Season 3\\S03E05 - Collaborators.mkv", 3, [5], []],
  ["z:\\tv shows\\harbor marvels\\Season 16\\S16E03 - The Potato.mkv", 16, [3], []],
  ["z:\\tv shows\\harbor chicken\\Specials\\S00E16 - Dear Consumer - SD TV.avi", 0, [16], []],
  ["D:\\shares\\TV Shows\\Harbor And Recreation\\Season 2\\S02E21 - 94 Meetings - 720p TV.mkv", 2, [21], []],
  ["P:\\TV Shows\\Harbor\\Season 6\\S06E13 - 5 to 9 - 720p BluRay.mkv", 6, [13], []],
  [
    "/anime/[SubsPlease] Harbor Tale - 05 (1080p) [ABCD1234]/c0ffee00c0ffee00c0ffee00.mkv",
    null,
    [],
    [5],
    "Harbor Tale",
  ],
  ["/anime/Harbor Tale/[Group] Harbor Tale - 07 [720p].mkv", null, [], [7], "Harbor Tale"],
  ["Season 02/Harbor Tale - 026.mkv", 2, [26], [], "Harbor Tale"],
  ["Staffel 3/Harbor Tale - Folge 4.mkv", 3, [4], [], "Harbor Tale"],
  ["Season 01/Harbor Tale - S01E02 - Name [German Dub].mkv", 1, [2], [], "Harbor Tale"],
  ["Specials/Harbor Tale - 01.mkv", 0, [1], [], "Harbor Tale"],
  ["Season 1/01.mkv", 1, [1], [], null],
  ["Season 1/Harbor.Tale.S01E03.1080p.WEB-DL/3f2a9c0d1e5b7a8f.mkv", 1, [3], []],
];

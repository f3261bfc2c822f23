import type { RealRow } from "./real-releases.ts";

// Libraries organised by other tools, episode titles with numbers and dashes, and films. Rows as in
// real-releases.ts; every row names its language (null included).

/** Sonarr's anime naming (S/E with the absolute number), Season 00 and Specials folders, Jellyfin/Plex layouts. */
export const LIBRARY_LAYOUTS: RealRow[] = [
  [
    "Jujutsu Kaisen (2020)/Season 02/Jujutsu Kaisen (2020) - S02E01 - 025 - Hidden Inventory [WEBDL-1080p][8bit][x264][AAC 2.0][JA]-SubsPlease.mkv",
    "Jujutsu Kaisen",
    2,
    [1],
    { language: null, absolute: [25], year: 2020, episodeTitle: "Hidden Inventory" },
  ],
  [
    "Frieren (2023)/Season 01/Frieren (2023) - S01E05 - 005 - Phantoms of the Dead [WEBDL-1080p][8bit][x264][AAC 2.0][JA+EN]-VARYG.mkv",
    "Frieren",
    1,
    [5],
    { language: "en", absolute: [5] },
  ],
  [
    "Attack on Titan (2013)/Season 04/Attack on Titan (2013) - S04E28 - 087 - The Dawn of Humanity [Bluray-1080p][10bit][x265][FLAC 2.0][JA+DE]-STARS.mkv",
    "Attack on Titan",
    4,
    [28],
    { language: "de", absolute: [87] },
  ],
  [
    "One Piece/Season 21/One Piece - S21E89 - 1000 - Overwhelming Strength! [HDTV-1080p].mkv",
    "One Piece",
    21,
    [89],
    { language: null, absolute: [1000], episodeTitle: "Overwhelming Strength!" },
  ],
  [
    "Bleach/Season 01/Bleach - S01E01 - 001 - A Shinigami Is Born [Bluray-1080p].mkv",
    "Bleach",
    1,
    [1],
    { language: null, absolute: [1] },
  ],
  [
    "Mob Psycho 100/Season 02/Mob Psycho 100 - S02E01-E02 - 013-014 - Hard to Say [Bluray-1080p].mkv",
    "Mob Psycho 100",
    2,
    [1, 2],
    { language: null, absolute: [13, 14] },
  ],
  [
    "Naruto Shippuden/Season 01/Naruto Shippuden - S01E01 - 001 - Homecoming [HDTV-720p].mkv",
    "Naruto Shippuden",
    1,
    [1],
    { language: null, absolute: [1] },
  ],
  [
    "Kaguya-sama/Season 00/Kaguya-sama - S00E02 - Kaguya Wants to Be Confessed To OVA [Bluray-1080p].mkv",
    "Kaguya-sama",
    0,
    [2],
    { language: null },
  ],
  [
    "Made in Abyss/Season 00/Made in Abyss - S00E01 - Marulk's Daily Life [Bluray-1080p].mkv",
    "Made in Abyss",
    0,
    [1],
    { language: null, episodeTitle: "Marulk's Daily Life" },
  ],
  ["Haikyu!!/Specials/Haikyu!! - S00E03 - Land vs Air.mkv", "Haikyu!!", 0, [3], { language: null }],
  ["Toradora!/Specials/Toradora! - 01.mkv", "Toradora!", 0, [1], { language: null }],
  [
    "Kill la Kill/Specials/[Coalgirls] Kill la Kill - 25 (1920x1080 Blu-ray FLAC).mkv",
    "Kill la Kill",
    0,
    [25],
    { language: null },
  ],
  [
    "Clannad/Season 00/Clannad - S00E01 - Another World, Tomoyo Chapter.mkv",
    "Clannad",
    0,
    [1],
    { language: null, episodeTitle: "Another World, Tomoyo Chapter" },
  ],
  ["Spy x Family/Season 2/Spy x Family - 2x05.mkv", "Spy x Family", 2, [5], { language: null }],
  ["Akira/Season 1/Episode 03.mkv", "Akira", 1, [3], { language: null }],
  [
    "Dragon Ball Z (1989)/Season 3/Dragon Ball Z (1989) - s03e12.mkv",
    "Dragon Ball Z",
    3,
    [12],
    { language: null, year: 1989 },
  ],
  [
    "Monster/Staffel 01/Monster - S01E04 - Der Gerichtsmediziner [German Dub].mkv",
    "Monster",
    1,
    [4],
    { language: "de" },
  ],
  [
    "Neon Genesis Evangelion [tvdbid-70350]/Season 01/Neon Genesis Evangelion - S01E26 - Take Care of Yourself.mkv",
    "Neon Genesis Evangelion",
    1,
    [26],
    { language: null },
  ],
];

/** Episode titles holding numbers and dashes: the marker's number is the episode, the rest is its title. */
export const TITLES_WITH_NUMBERS: RealRow[] = [
  [
    "Steins;Gate - S01E23 - Open the Missing Link - 2 [Bluray-1080p].mkv",
    "Steins;Gate",
    1,
    [23],
    { language: null },
  ],
  [
    "Bleach - S01E366 - 366 - The Blade and Me [HDTV-720p].mkv",
    "Bleach",
    1,
    [366],
    { language: null, absolute: [366] },
  ],
  [
    "Kaiju No. 8 - S01E01 - The Man Who Became a Kaiju [WEBDL-1080p].mkv",
    "Kaiju No. 8",
    1,
    [1],
    { language: null, episodeTitle: "The Man Who Became a Kaiju" },
  ],
  [
    "86 - Eighty Six - S01E12 - Here We Go - Together [Bluray-1080p].mkv",
    "86 - Eighty Six",
    1,
    [12],
    { language: null },
  ],
  [
    "Mob.Psycho.100.S01E01.Self-Proclaimed.Psychic.Reigen.Arataka.1080p.BluRay.x264-GRP.mkv",
    "Mob Psycho 100",
    1,
    [1],
    { language: null, episodeTitle: "Self-Proclaimed Psychic Reigen Arataka" },
  ],
  [
    "Re ZERO -Starting Life in Another World- - S02E01 - Each One's Promise [WEBDL-1080p].mkv",
    "Re ZERO -Starting Life in Another World-",
    2,
    [1],
    { language: null, episodeTitle: "Each One's Promise" },
  ],
  [
    "Cowboy Bebop - S01E24 - Hard Luck Woman.mkv",
    "Cowboy Bebop",
    1,
    [24],
    { language: null, episodeTitle: "Hard Luck Woman" },
  ],
  [
    "Gintama. - S01E01 - 317 - Yorozuya Forever [HDTV-720p].mkv",
    "Gintama.",
    1,
    [1],
    { language: null, absolute: [317] },
  ],
  [
    "Attack on Titan - S03E22 - The Other Side of the Wall - Part 2.mkv",
    "Attack on Titan",
    3,
    [22],
    { language: null },
  ],
  [
    "Fairy Tail - 100 Years Quest - S01E05 - 5 Dragon Gods [WEBDL-1080p].mkv",
    "Fairy Tail - 100 Years Quest",
    1,
    [5],
    { language: null },
  ],
];

/** Films: Movie, Gekijouban, Film N, German film folders. */
export const FILMS: RealRow[] = [
  ["Kimi no Na wa. (2016) [BD 1080p].mkv", "Kimi no Na wa.", null, [], { language: null, year: 2016 }],
  [
    "[Judas] Gekijouban Violet Evergarden [BD 1080p][HEVC x265 10bit][Dual-Audio][Multi-Subs].mkv",
    "Gekijouban Violet Evergarden",
    null,
    [],
    { language: null },
  ],
  [
    "[Beatrice-Raws] Gekijouban Made in Abyss - Fukaki Tamashii no Reimei [BDRip 1920x1080 HEVC TrueHD].mkv",
    "Gekijouban Made in Abyss - Fukaki Tamashii no Reimei",
    null,
    [],
    { language: null },
  ],
  ["One Piece Film Red (2022) [1080p].mkv", "One Piece Film Red", null, [], { language: null, year: 2022 }],
  [
    "Detektiv Conan - Film 05 - Countdown zum Himmel (German Dub).mkv",
    "Detektiv Conan",
    null,
    [5],
    { language: "de" },
  ],
  ["Pokemon - Film 2 - Die Macht des Einzelnen [German Dub].mp4", "Pokemon", null, [2], { language: "de" }],
  ["Detektiv Conan/Filme/Detektiv Conan - Film 01.mkv", "Detektiv Conan", 0, [1], { language: null }],
  [
    "[SubsPlease] Kimetsu no Yaiba Movie - Mugen Ressha-hen (1080p) [ABCDEF12].mkv",
    "Kimetsu no Yaiba Movie - Mugen Ressha-hen",
    null,
    [],
    { language: null },
  ],
  [
    "Naruto Shippuden Movie 3 - Inheritors of the Will of Fire.mkv",
    "Naruto Shippuden",
    null,
    [3],
    { language: null },
  ],
  ["Suzume.2022.German.DL.1080p.BluRay.x264-STARS.mkv", "Suzume", null, [], { language: "de", year: 2022 }],
];

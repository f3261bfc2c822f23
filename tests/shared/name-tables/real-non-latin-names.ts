import type { RealRow } from "./real-releases.ts";

// Chinese, Japanese and Cyrillic release names. Rows as in real-releases.ts.

/** Chinese, Japanese and Cyrillic titles. */
export const NON_LATIN: RealRow[] = [
  [
    "[Lilith-Raws] 葬送的芙莉蓮 / Sousou no Frieren - 01 [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4].mp4",
    "Sousou no Frieren",
    null,
    [1],
  ],
  ["[ANi] 葬送的芙莉蓮 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT].mp4", "葬送的芙莉蓮", null, [1]],
  ["[ANi] 間諜家家酒 - 25 [1080P][Baha][WEB-DL][AAC AVC][CHT].mp4", "間諜家家酒", null, [25]],
  ["[Sakurato] Sousou no Frieren [01][AVC-8bit 1080p AAC][CHS].mp4", "Sousou no Frieren", null, [1]],
  ["[Nekomoe kissaten][Sousou no Frieren][01][1080p][CHS].mp4", "Sousou no Frieren", null, [1]],
  [
    "【喵萌奶茶屋】★01月新番★[葬送的芙莉莲 / Sousou no Frieren][01][1080p][简日双语]",
    "Sousou no Frieren",
    null,
    [1],
  ],
  ["[桜都字幕组] 葬送的芙莉莲 / Sousou no Frieren [01][1080p][简体内嵌]", "Sousou no Frieren", null, [1]],
  ["[NC-Raws] 间谍过家家 / Spy x Family - 01 (B-Global 1920x1080 HEVC AAC MKV)", "Spy x Family", null, [1]],
  ["进击的巨人 第25话.mp4", "进击的巨人", null, [25]],
  ["進撃の巨人 第25話.mp4", "進撃の巨人", null, [25]],
  ["[Leopard-Raws] 葬送のフリーレン 第01話 (NTV 1280x720 x264 AAC).mp4", "葬送のフリーレン", null, [1]],
  ["Магическая битва - 01 [1080p].mkv", "Магическая битва", null, [1]],
  ["Клинок, рассекающий демонов S01E01.mkv", "Клинок, рассекающий демонов", 1, [1]],
  ["Наруто Ураганные хроники - 001.mkv", "Наруто Ураганные хроники", null, [1]],
  ["[AniLibria.TV] Sousou no Frieren [01] [WEBRip 1080p].mkv", "Sousou no Frieren", null, [1]],
  ["Jujutsu_Kaisen_[01]_[AniLibria_TV]_[WEBRip_1080p].mkv", "Jujutsu Kaisen", null, [1]],
  ["Атака титанов / Shingeki no Kyojin - 01 [1080p].mkv", "Shingeki no Kyojin", null, [1]],
  [
    "[NC-Raws] 咒术回战 / Jujutsu Kaisen - 47 (B-Global 1920x1080 HEVC AAC MKV)",
    "Jujutsu Kaisen",
    null,
    [47],
  ],
  ["[ANi] Frieren - 葬送的芙莉蓮 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT].mp4", "Frieren", null, [1]],
  [
    "[Lilith-Raws] 我推的孩子 / Oshi no Ko - 11 [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4].mp4",
    "Oshi no Ko",
    null,
    [11],
  ],
  [
    "[LoliHouse] 葬送的芙莉莲 / Sousou no Frieren - 01 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕].mkv",
    "Sousou no Frieren",
    null,
    [1],
  ],
];

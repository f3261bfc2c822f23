/**
 * Group "parse": parseEpisodeName over 100,000 generated names of every kind the parser reads (Aniworld's
 * template, Sonarr's default, scene SxxEyy / NxM / packed / multi-episode, foreign season words, non-Latin
 * titles, fansub releases with group, CRC and version, bare numbers, release-folder paths with hash file names).
 * Figures: names per second of the full parse (best of 5 passes after a warm-up pass; by wall time and by
 * CPU time) and of the scan's numbers-only entry. Target: 100,000 names in ≤ 1 s.
 */
import { parseEpisodeName, parseEpisodeNumbers } from "../../../shared/episode-name-parser.ts";
import { type BenchGroup, type Metric, round } from "../metric.ts";

const NAMES = 100_000;
const PASSES = 5;

const TITLES = [
  "Harbor Tale",
  "Kono Sora no Uta",
  "86 - Eighty Six",
  "Mob Psycho 100",
  "Re:Zero",
  "Dr. Stone",
];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** One name of kind `i % 16`, varied by `i`. */
export function nameOf(i: number): string {
  const t = TITLES[i % TITLES.length]!;
  const dotted = t.replace(/[^A-Za-z0-9]+/g, ".");
  const s = 1 + (i % 7);
  const e = 1 + (i % 24);
  const abs = 1 + (i % 1100);
  const crc = (i * 2654435761).toString(16).slice(-8).toUpperCase().padStart(8, "0");
  switch (i % 16) {
    case 0:
      return `Season ${pad(s)}/${t} - S${pad(s)}E${pad(e)} - Folge ${e} [German Dub].mkv`;
    case 1:
      return `${t} - S${pad(s)}E${pad(e)} - A Title WEBDL-1080p.mkv`;
    case 2:
      return `${dotted}.S${pad(s)}E${pad(e)}.720p.HDTV.x264-LOL.mkv`;
    case 3:
      return `${t} - ${s}x${pad(e)} - Name [SDTV].avi`;
    case 4:
      return `${dotted}.${s}${pad(e)}.720p.HDTV.X264-DIMENSION`;
    case 5:
      return `${dotted}.S${pad(s)}E${pad(e)}-E${pad(e + 2)}.WEB-DL.x264-GRP`;
    case 6:
      return `${t} - Temporada ${s} [HDTV 720p][Cap.${s}${pad(e)}][AC3 5.1 Castellano]`;
    case 7:
      return `Тихая гавань (S${s}E${e}) / ${t} (S${s}E${e}) (2023) WEB-DL 1080p`;
    case 8:
      return `[SubsPlease] ${t} - ${pad(abs)} (1080p) [${crc}].mkv`;
    case 9:
      return `[SubsPlease] ${t} S${s} - ${pad(e)} (1080p) [${crc}].mkv`;
    case 10:
      return `[Coalgirls]_${t.replace(/ /g, "_")}_-_${pad(e)}v2_(1920x1080_Blu-ray_FLAC)_[${crc}].mkv`;
    case 11:
      return `[DB]_${t.replace(/ /g, "_")}_${pad(abs, 3)}_[${crc}].avi`;
    case 12:
      return `[Shark-Raws] ${t} #${abs} (NBN 1280x720 x264 AAC).mp4`;
    case 13:
      return `/downloads/${dotted}.S${pad(s)}E${pad(e)}.720p.BluRay.x264-GRP/${crc}${crc}${crc}.mkv`;
    case 14:
      return `Staffel ${s}/${t} - Staffel ${s} Folge ${e}.mp4`;
    default:
      return `[Judas] ${t} - ${pad(abs)}-${pad(abs + 2)} [BD 1080p][HEVC x265 10bit][Dual-Audio][Multi-Subs].mkv`;
  }
}

/** Names per second of the best pass, by wall time and by this process's CPU time (steadier on a busy machine). */
function bestRate(names: readonly string[], parse: (name: string) => unknown): { wall: number; cpu: number } {
  let sink = 0;
  for (const n of names) sink ^= parse(n) === null ? 1 : 0; // warm-up: JIT and regex caches
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let p = 0; p < PASSES; p++) {
    const t = performance.now();
    const c = process.cpuUsage();
    for (const n of names) sink ^= parse(n) === null ? 1 : 0;
    const used = process.cpuUsage(c);
    wall = Math.min(wall, performance.now() - t);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  if (sink === 2) console.log(""); // keeps the results alive
  return { wall: names.length / (wall / 1000), cpu: names.length / (cpu / 1000) };
}

export const parseGroup: BenchGroup = {
  name: "parse",
  description: `${NAMES.toLocaleString("en")} generated names of every kind through the episode-name parser`,
  async run(): Promise<Metric[]> {
    const names = Array.from({ length: NAMES }, (_, i) => nameOf(i));
    const full = bestRate(names, parseEpisodeName);
    const numbers = bestRate(names, parseEpisodeNumbers);
    return [
      { metric: "parse_names_per_s", value: Math.round(full.wall), unit: "/s", target: "≥ 100000" },
      { metric: "parse_100k_ms", value: round((NAMES / full.wall) * 1000, 1), unit: "ms", target: "≤ 1000" },
      { metric: "parse_names_per_cpu_s", value: Math.round(full.cpu), unit: "/s", target: "≥ 100000" },
      { metric: "parse_numbers_names_per_s", value: Math.round(numbers.wall), unit: "/s" },
    ];
  },
};

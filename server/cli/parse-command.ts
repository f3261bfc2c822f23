import { parseEpisodeName } from "../../shared/episode-name-parser.ts";

/**
 * `aniworld parse NAME... [--json]`: one line per name. With --json one object per name whose first keys are
 * {"input","title","season","episodes","absolute","language"} (scripts rely on them), followed by
 * {"version","episodeTitle","year","group","confidence"}; otherwise a readable table.
 */
export function runParse(names: readonly string[], json: boolean): number {
  const parsed = names.map((name) => {
    const r = parseEpisodeName(name);
    return {
      input: r.input,
      title: r.title,
      season: r.season,
      episodes: r.episodes,
      absolute: r.absolute,
      language: r.language,
      version: r.version,
      episodeTitle: r.episodeTitle,
      year: r.year,
      group: r.group,
      confidence: r.confidence,
    };
  });
  if (json) {
    for (const p of parsed) console.log(JSON.stringify(p));
    return 0;
  }
  const rows = parsed.map((p) => [
    p.input,
    p.title ?? "-",
    p.season === null ? "-" : String(p.season),
    p.episodes.join(",") || "-",
    p.absolute.join(",") || "-",
    p.language ?? "-",
    p.group ?? "-",
    p.confidence.toFixed(2),
  ]);
  const header = ["INPUT", "TITLE", "SEASON", "EPISODES", "ABSOLUTE", "LANGUAGE", "GROUP", "CONFIDENCE"];
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  for (const r of [header, ...rows])
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  return 0;
}

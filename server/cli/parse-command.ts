import { parseEpisodeName } from "../../shared/episode-name-parser.ts";

/**
 * `aniworld parse NAME... [--json]`: one line per name. With --json exactly
 * {"input","title","season","episodes","absolute","language"}; otherwise a readable table.
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
  ]);
  const header = ["INPUT", "TITLE", "SEASON", "EPISODES", "ABSOLUTE", "LANGUAGE"];
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

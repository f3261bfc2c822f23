import type { TvResult } from "./tmdb-schemas.ts";

/**
 * Confidence that a TMDB search result is the catalogue's series, in [0, 1.2]:
 *   title similarity (best over the catalogue title + alternative titles × TMDB name + original name;
 *   1 for equal normalised titles, else the Dice coefficient of character bigrams)
 *   + year: +0.15 same first-air year, +0.05 one year off, −0.35 further off (an equal title with a far year — a remake — stays below the threshold), 0 when either is unknown
 *   + rank: up to +0.05 for TMDB's own ordering (its first hit is the most popular).
 * Below MATCH_THRESHOLD no match is used: a wrong NFO is worse than none (the catalogue-only NFO is written).
 */
export const MATCH_THRESHOLD = 0.75;

export interface MatchCandidate {
  result: TvResult;
  score: number;
}

export function scoreResult(
  result: TvResult,
  titles: readonly string[],
  year: number | null,
  rank: number,
  total: number,
): number {
  const names = [result.name ?? "", result.original_name ?? ""].filter(Boolean);
  let similarity = 0;
  for (const t of titles) for (const n of names) similarity = Math.max(similarity, titleSimilarity(t, n));
  const resultYear = Number(/^(\d{4})/.exec(result.first_air_date ?? "")?.[1] ?? Number.NaN);
  let yearAdjust = 0;
  if (year !== null && Number.isFinite(resultYear)) {
    const diff = Math.abs(resultYear - year);
    yearAdjust = diff === 0 ? 0.15 : diff === 1 ? 0.05 : -0.35;
  }
  const rankBonus = total > 0 ? 0.05 * (1 - rank / total) : 0;
  return similarity + yearAdjust + rankBonus;
}

export function bestMatch(
  results: readonly TvResult[],
  titles: readonly string[],
  year: number | null,
): MatchCandidate | null {
  let best: MatchCandidate | null = null;
  results.forEach((result, i) => {
    const score = scoreResult(result, titles, year, i, results.length);
    if (!best || score > best.score) best = { result, score };
  });
  return best;
}

export function normaliseTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function titleSimilarity(a: string, b: string): number {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const grams = (s: string) => {
    const out = new Map<string, number>();
    const t = s.replace(/ /g, "");
    for (let i = 0; i < t.length - 1; i++) {
      const g = t.slice(i, i + 2);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const gx = grams(x);
  const gy = grams(y);
  let common = 0;
  let total = 0;
  for (const n of gx.values()) total += n;
  for (const n of gy.values()) total += n;
  for (const [g, n] of gx) common += Math.min(n, gy.get(g) ?? 0);
  return total === 0 ? 0 : (2 * common) / total;
}

/** One benchmark figure, printed as a JSON line and appended to bench-results.jsonl (see benchmarks.md). */
export interface Metric {
  metric: string;
  value: number;
  unit: "ms" | "µs" | "s" | "KB" | "MB" | "MB/s" | "x" | "/s";
  baseline?: number;
  ratio?: number;
  target?: string;
}

export interface BenchGroup {
  name: string;
  description: string;
  /** Runs the group (under a minute) and returns its figures. */
  run(): Promise<Metric[]>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A figure that is the ratio of a measurement to the baseline run beside it: its value and `ratio` are the
 * same number, and the baseline is printed with it.
 */
export function ratioFigure(
  metric: string,
  measured: number,
  baseline: number,
  options: { target?: string; digits?: number; baselineDigits?: number } = {},
): Metric {
  const ratio = round(measured / baseline, options.digits ?? 2);
  const figure: Metric = {
    metric,
    value: ratio,
    unit: "x",
    baseline: round(baseline, options.baselineDigits ?? 2),
    ratio,
  };
  if (options.target !== undefined) figure.target = options.target;
  return figure;
}

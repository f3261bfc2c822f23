/** Library search, filters and sort: pure, so the page stays thin and the rules are tested alone. */

export interface LibraryRow {
  id: number;
  title: string;
  year: number | null;
  monitored: boolean;
  loadingStatus: string;
  episodesMissing: number;
  episodesOnDisk: number;
}

export const LIBRARY_FILTERS = ["all", "missing", "loading", "failed", "monitored"] as const;
export type LibraryFilter = (typeof LIBRARY_FILTERS)[number];
export const LIBRARY_SORTS = ["title", "year", "missing", "added"] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export const FILTER_LABELS: Record<LibraryFilter, string> = {
  all: "All",
  missing: "Missing episodes",
  loading: "Loading",
  failed: "Failed",
  monitored: "Monitored",
};
export const SORT_LABELS: Record<LibrarySort, string> = {
  title: "Title",
  year: "Year (newest first)",
  missing: "Most missing",
  added: "Recently added",
};

const isLoadingStatus = (s: string) => s !== "completed" && s !== "failed";

function matches(row: LibraryRow, filter: LibraryFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "missing":
      return row.episodesMissing > 0;
    case "loading":
      return isLoadingStatus(row.loadingStatus);
    case "failed":
      return row.loadingStatus === "failed";
    case "monitored":
      return row.monitored;
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

const COMPARE: Record<LibrarySort, (a: LibraryRow, b: LibraryRow) => number> = {
  title: (a, b) => collator.compare(a.title, b.title),
  year: (a, b) => (b.year ?? 0) - (a.year ?? 0) || collator.compare(a.title, b.title),
  missing: (a, b) => b.episodesMissing - a.episodesMissing || collator.compare(a.title, b.title),
  // Ids grow with every add, so the highest id is the newest.
  added: (a, b) => b.id - a.id,
};

export function viewLibrary<T extends LibraryRow>(
  rows: readonly T[],
  options: { search: string; filter: LibraryFilter; sort: LibrarySort },
): T[] {
  const needle = options.search.trim().toLocaleLowerCase();
  return rows
    .filter((r) => matches(r, options.filter) && (!needle || r.title.toLocaleLowerCase().includes(needle)))
    .sort(COMPARE[options.sort]);
}

export function countBy<T extends LibraryRow>(rows: readonly T[]): Record<LibraryFilter, number> {
  const out: Record<LibraryFilter, number> = { all: 0, missing: 0, loading: 0, failed: 0, monitored: 0 };
  for (const r of rows) for (const f of LIBRARY_FILTERS) if (matches(r, f)) out[f]++;
  return out;
}

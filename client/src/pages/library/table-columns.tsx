import type { JSX } from "solid-js";
import type { LibrarySort } from "../../lib/library-view.ts";
import type { SeriesRow } from "../../lib/series-queries.ts";

/** The library table's optional columns (the title is always shown), and the user's remembered choice. */
export interface TableColumn {
  id: string;
  label: string;
  /** The sort a click on the header picks, when the column has one. */
  sort?: LibrarySort;
  cell: (row: SeriesRow) => JSX.Element;
  numeric?: boolean;
}

const STATUS_TEXT: Record<string, string> = { completed: "Loaded", failed: "Failed", pending: "Waiting" };

export const TABLE_COLUMNS: readonly TableColumn[] = [
  { id: "year", label: "Year", sort: "year", cell: (r) => r.year ?? "—", numeric: true },
  {
    id: "status",
    label: "Status",
    cell: (r) => STATUS_TEXT[r.loadingStatus] ?? `Loading ${r.loadingStatus.replace("loading_", "")}`,
  },
  { id: "monitored", label: "Monitored", cell: (r) => (r.monitored ? "Yes" : "No") },
  { id: "onDisk", label: "On disk", cell: (r) => r.episodesOnDisk, numeric: true },
  { id: "missing", label: "Missing", sort: "missing", cell: (r) => r.episodesMissing, numeric: true },
  { id: "total", label: "Episodes", cell: (r) => r.episodesTotal, numeric: true },
  { id: "folder", label: "Folder", cell: (r) => r.folder },
];

const STORAGE_KEY = "aniworld.library.columns";
const DEFAULT_COLUMNS = ["year", "status", "monitored", "onDisk", "missing"];

/** The remembered column ids (known ones only, in table order); the defaults when nothing valid is stored. */
export function loadColumns(storage: Pick<Storage, "getItem"> | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "null");
    if (Array.isArray(parsed)) return TABLE_COLUMNS.map((c) => c.id).filter((id) => parsed.includes(id));
  } catch {
    // unreadable: the defaults
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(storage: Pick<Storage, "setItem"> | undefined, ids: readonly string[]): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(ids));
  } catch {
    // storage full or disabled: the choice lasts for this page only
  }
}

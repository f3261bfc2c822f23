import * as v from "valibot";
import { CatalogKeySchema } from "./catalog.ts";
import { type LoadingStatus, SetLanguagesInputSchema } from "./series-loading.ts";

/** series.list: which series (filter, search), in which order (sort), and which window of them. */

export const LIBRARY_FILTERS = ["all", "missing", "loading", "failed", "monitored", "unmonitored"] as const;
export type LibraryFilter = (typeof LIBRARY_FILTERS)[number];
export const LIBRARY_SORTS = ["title", "year", "missing", "added"] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The order each sort takes when none is given: A–Z, newest year, most missing, latest added. */
export const DEFAULT_ORDER: Record<LibrarySort, SortOrder> = {
  title: "asc",
  year: "desc",
  missing: "desc",
  added: "desc",
};

/** A series row with its episode counts, as series.list shows it (and series.get begins with). */
export interface SeriesSummary {
  id: number;
  catalogKey: string;
  title: string;
  folder: string;
  year: number | null;
  coverUrl: string | null;
  monitored: boolean;
  loadingStatus: LoadingStatus;
  episodesLoaded: boolean;
  nfoLoaded: boolean;
  logoLoaded: boolean;
  imagesLoaded: boolean;
  loadingError: string | null;
  episodesOnDisk: number;
  episodesMissing: number;
  episodesTotal: number;
}

/** One window of series.list: the rows, how many match in all, and how many series each filter shows. */
export interface SeriesListPage {
  rows: SeriesSummary[];
  /** Series matching filter + search (the length of the whole list the window is cut from). */
  total: number;
  offset: number;
  /** Series per filter over the whole library (search not applied), for the filter menu. */
  counts: Record<LibraryFilter, number>;
}

/** The largest window one call returns; a client that wants more pages through with `offset`. */
export const MAX_WINDOW = 500;

export const SeriesListInputSchema = v.optional(
  v.object({
    /** Title words to look for (substring, case-insensitive); blank = no search. */
    search: v.optional(v.pipe(v.string(), v.maxLength(200)), ""),
    filter: v.optional(v.picklist(LIBRARY_FILTERS), "all"),
    sort: v.optional(v.picklist(LIBRARY_SORTS), "title"),
    /** Defaults to DEFAULT_ORDER[sort]. */
    order: v.optional(v.picklist(SORT_ORDERS)),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)), 0),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_WINDOW)), 100),
    /** Only these series (the search page asks which of its results are in the library). */
    catalogKeys: v.optional(v.pipe(v.array(CatalogKeySchema), v.maxLength(MAX_WINDOW))),
  }),
  {},
);
export type SeriesListInput = v.InferInput<typeof SeriesListInputSchema>;
export type SeriesListQuery = v.InferOutput<typeof SeriesListInputSchema>;

/** Bulk changes from the library page: many series at once, each id at most once. */
const Id = v.pipe(v.number(), v.integer(), v.minValue(1));
const SeriesIdsSchema = v.pipe(
  v.array(Id),
  v.minLength(1, "select at least one series"),
  v.maxLength(100_000),
  v.check((ids) => new Set(ids).size === ids.length, "each series at most once"),
);

export const SetMonitoredManyInputSchema = v.object({ ids: SeriesIdsSchema, monitored: v.boolean() });
export const SetLanguagesManyInputSchema = v.object({
  ids: SeriesIdsSchema,
  languages: SetLanguagesInputSchema.entries.languages,
});
export const RetryLoadingManyInputSchema = v.object({ ids: SeriesIdsSchema });
export const RemoveManyInputSchema = v.object({
  ids: SeriesIdsSchema,
  deleteFiles: v.optional(v.boolean(), false),
});

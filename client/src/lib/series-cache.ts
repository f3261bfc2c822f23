/**
 * Query keys of the series data and the pure functions that fold live loading events into cached
 * answers (`series.list` windows and `series.get` details share the same loading fields).
 */

/** The prefix of every series.list window's key (["series.list", input]): invalidating it refetches them all. */
export const SERIES_LIST_KEY = ["series.list"] as const;
export const seriesGetKey = (id: number) => ["series.get", id] as const;

export interface LoadingUpdate {
  seriesId: number;
  status: string;
  progress: { episodes: boolean; nfo: boolean; logo: boolean; images: boolean };
  message: string | null;
}

export interface LoadingFields {
  id: number;
  loadingStatus: string;
  episodesLoaded: boolean;
  nfoLoaded: boolean;
  logoLoaded: boolean;
  imagesLoaded: boolean;
  loadingError: string | null;
}

/** The row with the event's loading state (a new object, so caches see a change). */
export function withLoading<T extends LoadingFields>(row: T, u: LoadingUpdate): T {
  return {
    ...row,
    loadingStatus: u.status,
    episodesLoaded: u.progress.episodes,
    nfoLoaded: u.progress.nfo,
    logoLoaded: u.progress.logo,
    imagesLoaded: u.progress.images,
    loadingError: u.status === "failed" ? u.message : null,
  };
}

/** The filter family a status belongs to: a change of family moves the series between filters. */
export function statusFamily(status: string): "loading" | "completed" | "failed" | "removed" {
  if (status === "completed" || status === "failed" || status === "removed") return status;
  return "loading";
}

/**
 * Applies one event to a loaded window of series.list: the row's loading fields change, a removed row
 * leaves the window. `previous` is the row before (undefined when the window does not hold the series).
 * Counts and membership are the server's: the caller refetches when `previous` is missing or the status
 * family changed.
 */
export function applyToPage<T extends LoadingFields, P extends { rows: T[] }>(
  page: P | undefined,
  u: LoadingUpdate,
): { page: P | undefined; previous: T | undefined } {
  if (!page) return { page, previous: undefined };
  const index = page.rows.findIndex((r) => r.id === u.seriesId);
  if (index < 0) return { page, previous: undefined };
  const previous = page.rows[index];
  const rows =
    u.status === "removed"
      ? page.rows.filter((r) => r.id !== u.seriesId)
      : page.rows.map((r, i) => (i === index ? withLoading(r, u) : r));
  return { page: { ...page, rows }, previous };
}

/** The card's view of a row's loading fields. */
export function snapshotOf(row: LoadingFields) {
  return {
    status: row.loadingStatus,
    progress: {
      episodes: row.episodesLoaded,
      nfo: row.nfoLoaded,
      logo: row.logoLoaded,
      images: row.imagesLoaded,
    },
  };
}

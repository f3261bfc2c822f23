/**
 * Query keys of the series data and the pure functions that fold live loading events into cached
 * answers (`series.list` rows and `series.get` details share the same loading fields).
 */

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

/**
 * Applies one event to the list: updates the row, drops it when removed. `known` is false when the list
 * has no such series (added elsewhere): the caller refetches the list then.
 */
export function applyToList<T extends LoadingFields>(
  list: readonly T[] | undefined,
  u: LoadingUpdate,
): { list: T[] | undefined; known: boolean; previous: T | undefined } {
  if (!list) return { list: undefined, known: false, previous: undefined };
  const index = list.findIndex((r) => r.id === u.seriesId);
  if (index < 0) return { list: list as T[], known: u.status === "removed", previous: undefined };
  const previous = list[index];
  if (u.status === "removed") return { list: list.filter((r) => r.id !== u.seriesId), known: true, previous };
  const next = [...list];
  next[index] = withLoading(list[index] as T, u);
  return { list: next, known: true, previous };
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

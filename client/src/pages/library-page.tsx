import { useQuery } from "@tanstack/solid-query";
import { createMemo, createSignal, For, onMount, Show } from "solid-js";
import { unwrap } from "solid-js/store";
import { SeriesCard } from "../components/series-card.tsx";
import { VirtualGrid } from "../components/virtual-grid.tsx";
import { useApi } from "../lib/api-context.tsx";
import { errorMessage } from "../lib/error-message.ts";
import {
  countBy,
  FILTER_LABELS,
  LIBRARY_FILTERS,
  LIBRARY_SORTS,
  type LibraryFilter,
  type LibrarySort,
  SORT_LABELS,
  viewLibrary,
} from "../lib/library-view.ts";
import { SERIES_LIST_KEY } from "../lib/series-cache.ts";

/** Marks the moment the first screen of cards is in the DOM (read by the e2e test; harmless otherwise). */
export const FIRST_SCREEN_MARK = "library-first-screen";

/** Every series as a card, virtualised; search, filter and sort happen in the browser. */
export function LibraryPage() {
  const api = useApi();
  const list = useQuery(() => ({
    queryKey: SERIES_LIST_KEY,
    queryFn: () => api.client.series.list.query(),
  }));
  // Filtering and sorting 10,000 rows read plain objects (no per-row tracking): live events replace the
  // changed row with a new object, so only its card re-renders while every other row keeps its identity.
  const all = createMemo(() => unwrap(list.data) ?? []);
  const [search, setSearch] = createSignal("");
  const [filter, setFilter] = createSignal<LibraryFilter>("all");
  const [sort, setSort] = createSignal<LibrarySort>("title");
  const rows = createMemo(() => viewLibrary(all(), { search: search(), filter: filter(), sort: sort() }));
  const counts = createMemo(() => countBy(all()));

  return (
    <section class="page library" aria-labelledby="library-title">
      <div class="section-head">
        <h1 id="library-title">Library</h1>
        <a class="button-link" href="/search">
          Add series
        </a>
      </div>
      <div class="toolbar">
        <label class="field">
          <span>Search the library</span>
          <input type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Show</span>
          <select
            value={filter()}
            onChange={(e) => setFilter(e.currentTarget.value as LibraryFilter)}
            data-testid="library-filter"
          >
            <For each={LIBRARY_FILTERS}>
              {(f) => (
                <option value={f}>
                  {FILTER_LABELS[f]} ({counts()[f]})
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="field">
          <span>Sort by</span>
          <select value={sort()} onChange={(e) => setSort(e.currentTarget.value as LibrarySort)}>
            <For each={LIBRARY_SORTS}>{(s) => <option value={s}>{SORT_LABELS[s]}</option>}</For>
          </select>
        </label>
      </div>
      <Show
        when={list.data}
        fallback={<p>{list.isError ? errorMessage(list.error) : "Loading the library…"}</p>}
      >
        <p class="muted" aria-live="polite" data-testid="library-count">
          {rows().length} of {list.data?.length ?? 0} series
        </p>
        <Show
          when={rows().length > 0}
          fallback={
            <p>
              {list.data?.length ? "No series match." : "The library is empty. "}
              <Show when={!list.data?.length}>
                <a href="/search">Search the catalogue and add a series.</a>
              </Show>
            </p>
          }
        >
          <FirstScreen />
          <VirtualGrid items={rows()} minColumnWidth={300} rowHeight={212} label="Series">
            {(row) => <SeriesCard series={row} />}
          </VirtualGrid>
        </Show>
      </Show>
    </section>
  );
}

/** Sets the performance mark after the browser painted the first cards. */
function FirstScreen() {
  onMount(() => {
    requestAnimationFrame(() => {
      if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) performance.mark(FIRST_SCREEN_MARK);
    });
  });
  return null;
}

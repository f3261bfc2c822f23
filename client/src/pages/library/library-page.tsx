import { useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from "solid-js";
import { errorMessage } from "../../lib/error-message.ts";
import {
  FILTER_LABELS,
  LIBRARY_FILTERS,
  LIBRARY_SORTS,
  type LibraryFilter,
  type LibraryParams,
  type LibrarySort,
  type LibraryView,
  paramsFromQuery,
  queryFromParams,
  SORT_LABELS,
} from "../../lib/library-view.ts";
import { useSeriesWindows } from "../../lib/series-queries.ts";
import { BulkBar } from "./bulk-bar.tsx";
import { LibraryGrid } from "./library-grid.tsx";
import { LibraryTable } from "./library-table.tsx";
import { createSelection } from "./selection.ts";
import { loadColumns, saveColumns, TABLE_COLUMNS } from "./table-columns.tsx";

/** Marks the moment the first screen of series is in the DOM (read by the e2e test; harmless otherwise). */
export const FIRST_SCREEN_MARK = "library-first-screen";

const storage = () => (typeof localStorage === "undefined" ? undefined : localStorage);

/**
 * The library: a poster grid or a table over series.list windows (the server filters, searches, sorts
 * and counts), with the view state in the URL, and bulk actions on a selection.
 */
export function LibraryPage() {
  const [query, setQuery] = useSearchParams();
  const params = createMemo(() => paramsFromQuery(query));
  const update = (patch: Partial<LibraryParams>) => setQuery(queryFromParams({ ...params(), ...patch }));
  const windows = useSeriesWindows(params);
  const selection = createSelection();
  const [columns, setColumns] = createSignal(loadColumns(storage()));

  // Typing updates the URL (and so the query) after a pause, not on every key.
  const [draft, setDraft] = createSignal(params().search);
  let typing: ReturnType<typeof setTimeout> | undefined;
  const onSearch = (value: string) => {
    setDraft(value);
    clearTimeout(typing);
    typing = setTimeout(() => update({ search: value }), 250);
  };
  onCleanup(() => clearTimeout(typing));
  createEffect(
    on(
      () => params().search,
      (s) => s !== draft().trim() && setDraft(s),
      { defer: true },
    ),
  );

  // A new filter, search or sort starts at the top of the list.
  createEffect(
    on(
      () => [params().search, params().filter, params().sort, params().order],
      () => window.scrollTo({ top: 0 }),
      { defer: true },
    ),
  );

  const sortBy = (sort: LibrarySort) =>
    update(
      sort === params().sort
        ? { order: params().order === "asc" ? "desc" : "asc" }
        : { sort, order: paramsFromQuery({ sort }).order },
    );
  const toggleColumn = (id: string, on: boolean) => {
    const next = TABLE_COLUMNS.map((c) => c.id).filter((c) => (c === id ? on : columns().includes(c)));
    setColumns(next);
    saveColumns(storage(), next);
  };

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
          <input type="search" value={draft()} onInput={(e) => onSearch(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Show</span>
          <select
            value={params().filter}
            onChange={(e) => update({ filter: e.currentTarget.value as LibraryFilter })}
            data-testid="library-filter"
          >
            <For each={LIBRARY_FILTERS}>
              {(f) => (
                <option value={f}>
                  {FILTER_LABELS[f]}
                  {windows.counts() ? ` (${windows.counts()?.[f]})` : ""}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="field">
          <span>Sort by</span>
          <select
            value={params().sort}
            onChange={(e) => sortBy(e.currentTarget.value as LibrarySort)}
            data-testid="library-sort"
          >
            <For each={LIBRARY_SORTS}>{(s) => <option value={s}>{SORT_LABELS[s]}</option>}</For>
          </select>
        </label>
        <button
          type="button"
          class="secondary"
          onClick={() => update({ order: params().order === "asc" ? "desc" : "asc" })}
          aria-label={`Order: ${params().order === "asc" ? "ascending" : "descending"}; reverse it`}
          data-testid="library-order"
        >
          {params().order === "asc" ? "↑ Ascending" : "↓ Descending"}
        </button>
        <fieldset class="segmented" aria-label="View">
          <For each={["grid", "table"] as LibraryView[]}>
            {(v) => (
              <label class="check">
                <input
                  type="radio"
                  name="library-view"
                  checked={params().view === v}
                  onChange={() => update({ view: v })}
                />
                {v === "grid" ? "Posters" : "Table"}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={params().view === "table"}>
          <details class="column-chooser">
            <summary>Columns</summary>
            <For each={TABLE_COLUMNS}>
              {(c) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={columns().includes(c.id)}
                    onChange={(e) => toggleColumn(c.id, e.currentTarget.checked)}
                  />
                  {c.label}
                </label>
              )}
            </For>
          </details>
        </Show>
      </div>
      <Show when={selection.size() > 0}>
        <BulkBar
          selection={selection}
          onSelectLoaded={() => selection.add(windows.shownRows().map((r) => r.id))}
        />
      </Show>
      <Show
        when={!windows.loading()}
        fallback={<p>{windows.error() ? errorMessage(windows.error()) : "Loading the library…"}</p>}
      >
        <p class="muted" aria-live="polite" data-testid="library-count">
          {windows.total()} of {windows.counts()?.all ?? 0} series
        </p>
        <Show
          when={(windows.total() ?? 0) > 0}
          fallback={
            <p>
              {windows.counts()?.all ? "No series match." : "The library is empty. "}
              <Show when={!windows.counts()?.all}>
                <a href="/search">Search the catalogue and add a series.</a>
              </Show>
            </p>
          }
        >
          <FirstScreen />
          <Show
            when={params().view === "table"}
            fallback={
              <LibraryGrid
                total={windows.total() ?? 0}
                rowAt={windows.rowAt}
                onRange={windows.setRange}
                selection={selection}
              />
            }
          >
            <LibraryTable
              total={windows.total() ?? 0}
              rowAt={windows.rowAt}
              onRange={windows.setRange}
              selection={selection}
              columns={columns()}
              params={params()}
              onSort={sortBy}
            />
          </Show>
        </Show>
      </Show>
    </section>
  );
}

/** Sets the performance mark after the browser painted the first series. */
function FirstScreen() {
  onMount(() => {
    requestAnimationFrame(() => {
      if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) performance.mark(FIRST_SCREEN_MARK);
    });
  });
  return null;
}

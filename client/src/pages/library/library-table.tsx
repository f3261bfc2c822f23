import { createEffect, For, Show } from "solid-js";
import { createWindowRows } from "../../components/window-rows.ts";
import type { LibraryParams, LibrarySort } from "../../lib/library-view.ts";
import type { SeriesRow } from "../../lib/series-queries.ts";
import type { Selection } from "./selection.ts";
import { TABLE_COLUMNS } from "./table-columns.tsx";

const ROW_HEIGHT = 40;

/**
 * The library as a dense table with the chosen columns, virtual like the grid (spacer rows hold the space
 * of the rows not in the DOM), scrolled by the page. Sortable headers set the sort; a second click turns
 * the order round.
 */
export function LibraryTable(props: {
  total: number;
  rowAt: (index: number) => SeriesRow | undefined;
  onRange: (first: number, last: number) => void;
  selection: Selection;
  columns: readonly string[];
  params: LibraryParams;
  onSort: (sort: LibrarySort) => void;
}) {
  let anchor: HTMLTableSectionElement | undefined;
  const rows = createWindowRows({
    count: () => props.total,
    rowHeight: () => ROW_HEIGHT,
    anchor: () => anchor,
    overscan: 10,
  });
  createEffect(() => {
    const items = rows.items();
    const first = items[0];
    const last = items[items.length - 1];
    if (first && last) props.onRange(first.index, last.index);
  });
  const shown = () => TABLE_COLUMNS.filter((c) => props.columns.includes(c.id));
  const ariaSort = (sort: LibrarySort | undefined) =>
    sort && props.params.sort === sort
      ? props.params.order === "asc"
        ? "ascending"
        : "descending"
      : undefined;
  const header = (label: string, sort: LibrarySort | undefined) =>
    sort ? (
      <button type="button" class="link-button" onClick={() => props.onSort(sort)}>
        {label}
        <Show when={props.params.sort === sort}>{props.params.order === "asc" ? " ▲" : " ▼"}</Show>
      </button>
    ) : (
      label
    );
  return (
    <div class="library-table-wrap">
      <table class="library-table" data-testid="library-table" aria-rowcount={props.total + 1}>
        <thead>
          <tr>
            <th scope="col" class="select-column">
              <span class="visually-hidden">Selected</span>
            </th>
            <th scope="col" aria-sort={ariaSort("title")}>
              {header("Title", "title")}
            </th>
            <For each={shown()}>
              {(c) => (
                <th scope="col" aria-sort={ariaSort(c.sort)} classList={{ numeric: c.numeric === true }}>
                  {header(c.label, c.sort)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody ref={anchor}>
          <tr class="spacer" style={{ height: `${rows.paddingTop()}px` }} />
          <For each={rows.items()}>
            {(item) => (
              <Show
                when={props.rowAt(item.index)}
                fallback={
                  <tr
                    class="placeholder-row"
                    style={{ height: `${ROW_HEIGHT}px` }}
                    aria-rowindex={item.index + 2}
                  >
                    <td colSpan={shown().length + 2}>…</td>
                  </tr>
                }
              >
                {(series) => (
                  <tr
                    style={{ height: `${ROW_HEIGHT}px` }}
                    aria-rowindex={item.index + 2}
                    data-testid="library-row"
                    data-series-id={series().id}
                  >
                    <td class="select-column">
                      <input
                        type="checkbox"
                        checked={props.selection.has(series().id)}
                        onChange={(e) => props.selection.set(series().id, e.currentTarget.checked)}
                        aria-label={`Select ${series().title}`}
                      />
                    </td>
                    <td class="title-cell">
                      <a href={`/series/${series().id}`} data-testid="series-title">
                        {series().title}
                      </a>
                    </td>
                    <For each={shown()}>
                      {(c) => <td classList={{ numeric: c.numeric === true }}>{c.cell(series())}</td>}
                    </For>
                  </tr>
                )}
              </Show>
            )}
          </For>
          <tr class="spacer" style={{ height: `${rows.paddingBottom()}px` }} />
        </tbody>
      </table>
    </div>
  );
}

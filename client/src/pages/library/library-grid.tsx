import { createEffect, createSignal, For, Index, onCleanup, onMount, Show } from "solid-js";
import { SeriesCard } from "../../components/series-card.tsx";
import { createWindowRows } from "../../components/window-rows.ts";
import type { SeriesRow } from "../../lib/series-queries.ts";
import type { Selection } from "./selection.ts";

const MIN_COLUMN_WIDTH = 300;
const ROW_HEIGHT = 224;

/**
 * The library as a grid of cards, virtual: rows of as many cards as the width allows, only those on screen
 * (plus overscan) in the DOM, scrolled by the page. A card whose window has not arrived yet is a
 * placeholder of the same size.
 */
export function LibraryGrid(props: {
  total: number;
  rowAt: (index: number) => SeriesRow | undefined;
  onRange: (first: number, last: number) => void;
  selection: Selection;
}) {
  let anchor: HTMLElement | undefined;
  const [width, setWidth] = createSignal(1200);
  onMount(() => {
    if (!anchor || typeof ResizeObserver === "undefined") return;
    setWidth(anchor.clientWidth || 1200);
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(w);
    });
    observer.observe(anchor);
    onCleanup(() => observer.disconnect());
  });
  const columns = () => Math.max(1, Math.floor(width() / MIN_COLUMN_WIDTH));
  const rows = createWindowRows({
    count: () => Math.ceil(props.total / columns()),
    rowHeight: () => ROW_HEIGHT,
    anchor: () => anchor,
  });
  createEffect(() => {
    const items = rows.items();
    const first = items[0];
    const last = items[items.length - 1];
    if (first && last)
      props.onRange(first.index * columns(), Math.min(props.total, (last.index + 1) * columns()) - 1);
  });
  const cellsOf = (row: number) => {
    const out: number[] = [];
    for (let i = row * columns(); i < Math.min(props.total, (row + 1) * columns()); i++) out.push(i);
    return out;
  };
  return (
    <section
      ref={anchor}
      class="library-grid"
      data-testid="virtual-grid"
      aria-label="Series"
      style={{ "padding-top": `${rows.paddingTop()}px`, "padding-bottom": `${rows.paddingBottom()}px` }}
    >
      <For each={rows.items()}>
        {(row) => (
          <div
            class="library-grid-row"
            style={{
              height: `${ROW_HEIGHT}px`,
              "grid-template-columns": `repeat(${columns()}, minmax(0, 1fr))`,
            }}
          >
            <Index each={cellsOf(row.index)}>
              {(index) => (
                <div class="library-grid-cell">
                  <Show
                    when={props.rowAt(index())}
                    fallback={<div class="series-card placeholder" aria-hidden="true" />}
                  >
                    {(series) => (
                      <>
                        <label class="card-select">
                          <input
                            type="checkbox"
                            checked={props.selection.has(series().id)}
                            onChange={(e) => props.selection.set(series().id, e.currentTarget.checked)}
                            aria-label={`Select ${series().title}`}
                          />
                        </label>
                        <SeriesCard series={series()} />
                      </>
                    )}
                  </Show>
                </div>
              )}
            </Index>
          </div>
        )}
      </For>
    </section>
  );
}

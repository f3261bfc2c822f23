import { createVirtualizer } from "@tanstack/solid-virtual";
import { createSignal, For, type JSX, onCleanup, onMount } from "solid-js";

/**
 * A virtualised grid: only the rows in view (plus `overscan`) exist in the DOM, so 10,000 items cost as
 * much as one screen. Columns follow the container width; rows have a fixed estimated height.
 */
export function VirtualGrid<T>(props: {
  items: readonly T[];
  /** Minimum column width in px; the grid fits as many as the width allows (1 on a phone). */
  minColumnWidth: number;
  rowHeight: number;
  label: string;
  children: (item: T, index: number) => JSX.Element;
  /** Size before the first measurement (tests; server-less previews). */
  initialSize?: { width: number; height: number };
  overscan?: number;
}) {
  let scroller: HTMLElement | undefined;
  const [width, setWidth] = createSignal(props.initialSize?.width ?? 0);
  const columns = () => Math.max(1, Math.floor(width() / props.minColumnWidth));
  const rowCount = () => Math.ceil(props.items.length / columns());

  onMount(() => {
    if (!scroller || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(w);
    });
    observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });

  const virtualizer = createVirtualizer({
    get count() {
      return rowCount();
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => props.rowHeight,
    overscan: props.overscan ?? 2,
    ...(props.initialSize ? { initialRect: props.initialSize } : {}),
  });

  // The items themselves (stable references), so a changed item re-renders only its own cell.
  const rowItems = (row: number) => props.items.slice(row * columns(), (row + 1) * columns());

  return (
    <section ref={scroller} class="virtual-scroller" aria-label={props.label} data-testid="virtual-grid">
      <div class="virtual-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <For each={virtualizer.getVirtualItems()}>
          {(row) => (
            <div
              class="virtual-row"
              style={{
                transform: `translateY(${row.start}px)`,
                height: `${props.rowHeight}px`,
                "grid-template-columns": `repeat(${columns()}, minmax(0, 1fr))`,
              }}
            >
              <For each={rowItems(row.index)}>
                {(item, i) => (
                  <div class="virtual-cell">{props.children(item, row.index * columns() + i())}</div>
                )}
              </For>
            </div>
          )}
        </For>
      </div>
    </section>
  );
}

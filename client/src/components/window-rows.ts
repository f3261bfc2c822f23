import { createWindowVirtualizer } from "@tanstack/solid-virtual";
import { createEffect, createSignal, onCleanup, onMount } from "solid-js";

/**
 * Virtual rows scrolled by the page itself (one scroll area: the End key, the scrollbar and find-in-page
 * act on the whole page). Only the rows in view plus `overscan` exist; the space of the others is held by
 * `paddingTop` / `paddingBottom` around them, so the same helper serves a grid of cards and a <table>.
 * `anchor` is the element the rows start in: its distance from the top of the page is the scroll margin.
 */
export function createWindowRows(options: {
  count: () => number;
  rowHeight: () => number;
  anchor: () => HTMLElement | undefined;
  overscan?: number;
  /** Size before the first measurement (DOM tests, where nothing is laid out). */
  initialRect?: { width: number; height: number };
}) {
  const [margin, setMargin] = createSignal(0);
  const measure = () => {
    const el = options.anchor();
    if (el) setMargin(Math.round(el.getBoundingClientRect().top + window.scrollY));
  };
  onMount(() => {
    measure();
    // The toolbar above can change height (wrapping, a bulk bar appearing): measure again when it does.
    const el = options.anchor();
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    onCleanup(() => observer.disconnect());
  });
  const virtualizer = createWindowVirtualizer({
    get count() {
      return options.count();
    },
    estimateSize: () => options.rowHeight(),
    overscan: options.overscan ?? 3,
    get scrollMargin() {
      return margin();
    },
    ...(options.initialRect ? { initialRect: options.initialRect } : {}),
  });
  // A new row height (another view, a narrower window) invalidates every cached size.
  createEffect(() => {
    options.rowHeight();
    virtualizer.measure();
  });
  const items = () => virtualizer.getVirtualItems();
  return {
    items,
    paddingTop: () => {
      const first = items()[0];
      return first ? first.start - margin() : 0;
    },
    paddingBottom: () => {
      const last = items()[items().length - 1];
      return last ? Math.max(0, virtualizer.getTotalSize() - (last.end - margin())) : 0;
    },
    scrollToTop: () => virtualizer.scrollToOffset(0),
  };
}

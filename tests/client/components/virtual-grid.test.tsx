import { render } from "@solidjs/testing-library";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { VirtualGrid } from "../../../client/src/components/virtual-grid.tsx";

const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, title: `Series ${i}` }));

describe("virtual grid", () => {
  // happy-dom does no layout: give the scroll container the size a browser would measure.
  const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth");
  const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
  const sized = (n: number, fallback?: PropertyDescriptor) => ({
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains("virtual-scroller") ? n : (fallback?.get?.call(this) ?? 0);
    },
  });
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, "clientWidth", sized(800, width));
    Object.defineProperty(HTMLElement.prototype, "clientHeight", sized(500, height));
  });
  afterAll(() => {
    if (width) Object.defineProperty(HTMLElement.prototype, "clientWidth", width);
    if (height) Object.defineProperty(HTMLElement.prototype, "clientHeight", height);
  });

  test("10,000 items render only the rows in view plus overscan", () => {
    const { container } = render(() => (
      <VirtualGrid
        items={items}
        minColumnWidth={200}
        rowHeight={100}
        label="Library"
        initialSize={{ width: 800, height: 500 }}
        overscan={1}
      >
        {(item) => <span class="cell">{item.title}</span>}
      </VirtualGrid>
    ));
    const cells = container.querySelectorAll(".cell");
    // 4 columns × (5 visible rows + 1 overscan) = 24, nowhere near 10,000.
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThanOrEqual(4 * 7);
    expect(cells[0]?.textContent).toBe("Series 0");
    const inner = container.querySelector<HTMLElement>(".virtual-inner");
    expect(inner?.style.height).toBe(`${(10_000 / 4) * 100}px`);
  });

  test("an empty list renders no rows", () => {
    const { container } = render(() => (
      <VirtualGrid
        items={[]}
        minColumnWidth={200}
        rowHeight={100}
        label="Empty"
        initialSize={{ width: 800, height: 500 }}
      >
        {(item: { id: number }) => <span class="cell">{item.id}</span>}
      </VirtualGrid>
    ));
    expect(container.querySelectorAll(".cell").length).toBe(0);
  });
});

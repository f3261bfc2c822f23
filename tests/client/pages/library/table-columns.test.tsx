import { render } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { createSelection } from "../../../../client/src/pages/library/selection.ts";
import {
  loadColumns,
  saveColumns,
  TABLE_COLUMNS,
} from "../../../../client/src/pages/library/table-columns.tsx";

class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe("library table columns", () => {
  test("the chosen columns are remembered, in table order, unknown ids dropped", () => {
    const storage = new MemoryStorage();
    const defaults = loadColumns(storage);
    expect(defaults.length).toBeGreaterThan(0);
    saveColumns(storage, ["folder", "year", "no-such-column"]);
    expect(loadColumns(storage)).toEqual(["year", "folder"]);
    storage.setItem("aniworld.library.columns", "{not json");
    expect(loadColumns(storage)).toEqual(defaults);
    expect(loadColumns(undefined)).toEqual(defaults);
  });

  test("a catalogue title in the folder column renders as text", () => {
    const folder = TABLE_COLUMNS.find((c) => c.id === "folder");
    const row = { folder: "<img src=x onerror=alert(1)>" } as Parameters<
      NonNullable<typeof folder>["cell"]
    >[0];
    const { container } = render(() => <span>{folder?.cell(row)}</span>);
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("library selection", () => {
  test("set, add, clear; ids kept once", () => {
    const s = createSelection();
    s.set(3, true);
    s.add([3, 4, 5]);
    expect(s.ids().sort()).toEqual([3, 4, 5]);
    s.set(4, false);
    expect(s.has(4)).toBe(false);
    expect(s.size()).toBe(2);
    s.clear();
    expect(s.size()).toBe(0);
  });
});

import { describe, expect, test } from "vitest";
import { pagesFor, paramsFromQuery, queryFromParams } from "../../../client/src/lib/library-view.ts";

describe("library view state", () => {
  test("the URL query round-trips; defaults stay out of the URL; junk falls back to defaults", () => {
    const params = paramsFromQuery({
      q: "dragon",
      filter: "missing",
      sort: "year",
      order: "asc",
      view: "table",
    });
    expect(params).toEqual({
      search: "dragon",
      filter: "missing",
      sort: "year",
      order: "asc",
      view: "table",
    });
    expect(paramsFromQuery(queryFromParams(params))).toEqual(params);
    expect(queryFromParams(paramsFromQuery({}))).toEqual({
      q: undefined,
      filter: undefined,
      sort: undefined,
      order: undefined,
      view: undefined,
    });
    expect(paramsFromQuery({ filter: "<script>", sort: 3, order: "sideways", view: "x" })).toEqual({
      search: "",
      filter: "all",
      sort: "title",
      order: "asc",
      view: "grid",
    });
    // Each sort has its own default order: "missing" starts with the most missing.
    expect(paramsFromQuery({ sort: "missing" }).order).toBe("desc");
  });

  test("the pages a visible range needs, with one page of margin, inside the list", () => {
    expect(pagesFor(0, 30, 100_000)).toEqual([0, 1]);
    expect(pagesFor(250, 320, 100_000)).toEqual([1, 2, 3, 4]);
    expect(pagesFor(99_950, 99_999, 100_000)).toEqual([998, 999]);
    expect(pagesFor(0, 0, 0)).toEqual([0]);
    expect(pagesFor(0, 10, 5)).toEqual([0]);
  });
});

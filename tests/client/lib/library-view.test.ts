import { describe, expect, test } from "vitest";
import { countBy, type LibraryRow, viewLibrary } from "../../../client/src/lib/library-view.ts";

const row = (id: number, over: Partial<LibraryRow> = {}): LibraryRow => ({
  id,
  title: `Series ${id}`,
  year: 2000 + id,
  monitored: false,
  loadingStatus: "completed",
  episodesMissing: 0,
  episodesOnDisk: 1,
  ...over,
});

const rows = [
  row(1, { title: "Frieren", episodesMissing: 3 }),
  row(2, { title: "Bocchi the Rock", loadingStatus: "loading_nfo" }),
  row(3, { title: "attack on titan", loadingStatus: "failed", monitored: true }),
  row(10, { title: "Series 10" }),
];

describe("library view", () => {
  test("filters by missing, loading, failed and monitored", () => {
    const ids = (filter: Parameters<typeof viewLibrary>[1]["filter"]) =>
      viewLibrary(rows, { search: "", filter, sort: "added" }).map((r) => r.id);
    expect(ids("missing")).toEqual([1]);
    expect(ids("loading")).toEqual([2]);
    expect(ids("failed")).toEqual([3]);
    expect(ids("monitored")).toEqual([3]);
    expect(ids("all")).toEqual([10, 3, 2, 1]);
  });

  test("searches titles case-insensitively and sorts naturally", () => {
    expect(viewLibrary(rows, { search: "ROCK", filter: "all", sort: "title" }).map((r) => r.id)).toEqual([2]);
    expect(viewLibrary(rows, { search: "", filter: "all", sort: "title" }).map((r) => r.title)).toEqual([
      "attack on titan",
      "Bocchi the Rock",
      "Frieren",
      "Series 10",
    ]);
    expect(viewLibrary(rows, { search: "", filter: "all", sort: "missing" })[0]?.id).toBe(1);
    expect(viewLibrary(rows, { search: "", filter: "all", sort: "year" })[0]?.id).toBe(10);
  });

  test("counts per filter", () => {
    expect(countBy(rows)).toEqual({ all: 4, missing: 1, loading: 1, failed: 1, monitored: 1 });
  });
});

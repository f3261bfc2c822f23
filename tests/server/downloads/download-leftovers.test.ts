/**
 * Which folder a download remembers as made by it, from what `mkdir -p` reported: never the series folder or
 * anything above it, so a cancel can never remove those.
 */
import { expect, test } from "bun:test";
import { madeFolderWithin } from "../../../server/downloads/download-leftovers.ts";

const series = "/lib/Show (2020)";

test("a season folder mkdir made is the download's", () => {
  expect(madeFolderWithin(series, `${series}/Season 02`, `${series}/Season 02`)).toBe(`${series}/Season 02`);
  expect(madeFolderWithin(series, `${series}/Season 02/Extras`, `${series}/Season 02`)).toBe(
    `${series}/Season 02`,
  );
});

test("when mkdir made the series folder (or its parents) too, only the first folder inside it counts", () => {
  expect(madeFolderWithin(series, `${series}/Season 02/Extras`, series)).toBe(`${series}/Season 02`);
  expect(madeFolderWithin(series, `${series}/Season 02`, "/lib")).toBe(`${series}/Season 02`);
});

test("nothing made, or a file straight in the series folder: no folder is the download's", () => {
  expect(madeFolderWithin(series, `${series}/Season 02`, undefined)).toBeNull();
  expect(madeFolderWithin(series, series, series)).toBeNull();
  expect(madeFolderWithin(series, "/elsewhere/Season 02", "/elsewhere")).toBeNull();
});

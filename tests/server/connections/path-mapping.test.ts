import { expect, test } from "bun:test";
import { mapPath } from "../../../server/connections/path-mapping.ts";

test("the longest matching mapping wins; the rest of the path keeps its parts", () => {
  const mappings = [
    { from: "/srv/anime", to: "/media/anime" },
    { from: "/srv/anime/Kids", to: "/media/kids" },
  ];
  expect(mapPath("/srv/anime/One Piece", mappings)).toBe("/media/anime/One Piece");
  expect(mapPath("/srv/anime/Kids/Pokemon", mappings)).toBe("/media/kids/Pokemon");
  expect(mapPath("/srv/anime", mappings)).toBe("/media/anime");
});

test("a prefix that is not a whole folder name does not match; no mapping passes the path on", () => {
  expect(mapPath("/srv/anime2/X", [{ from: "/srv/anime", to: "/m" }])).toBe("/srv/anime2/X");
  expect(mapPath("/srv/anime/X", [])).toBe("/srv/anime/X");
});

test("trailing separators are ignored and a Windows target gets backslashes", () => {
  expect(mapPath("/srv/anime/A/Season 01", [{ from: "/srv/anime/", to: "D:\\Anime\\" }])).toBe(
    "D:\\Anime\\A\\Season 01",
  );
  expect(mapPath("/srv/anime/A", [{ from: "/srv/anime", to: "smb://nas/anime/" }])).toBe("smb://nas/anime/A");
});

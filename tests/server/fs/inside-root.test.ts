import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isStrictlyInside, resolveInsideRoot } from "../../../server/fs/inside-root.ts";
import { ensureSeriesDir } from "../../../server/metadata/series-folder.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

test("the one safe path: strictly inside the root, never the root itself, never outside", () => {
  const root = "/srv/library";
  expect(resolveInsideRoot(root, "One Piece")).toBe("/srv/library/One Piece");
  expect(resolveInsideRoot(root, "One Piece/Season 01/x.mkv")).toBe("/srv/library/One Piece/Season 01/x.mkv");
  expect(resolveInsideRoot(root, "a/../b")).toBe("/srv/library/b");
  for (const bad of ["", ".", "..", "../x", "a/../../x", "/etc", "/srv/library/x", "a/../.."])
    expect(() => resolveInsideRoot(root, bad)).toThrow("path escapes the library root");
  expect(isStrictlyInside(root, "/srv/library/..hidden")).toBe(true);
  for (const outside of ["/srv/library", "/srv", "/srv/library2", "/srv/library/x/../.."])
    expect(isStrictlyInside(root, outside)).toBe(false);
});

test("series folders for metadata go through it too: created inside, refused outside", async () => {
  const tmp = tempDir();
  try {
    const root = join(tmp.path, "library");
    expect(await ensureSeriesDir(root, join(root, "Frieren"))).toBe(join(root, "Frieren"));
    expect(existsSync(join(root, "Frieren"))).toBe(true);
    await expect(ensureSeriesDir(root, join(tmp.path, "outside"))).rejects.toThrow(
      "escapes the library root",
    );
    await expect(ensureSeriesDir(root, root)).rejects.toThrow("escapes the library root");
    expect(existsSync(join(tmp.path, "outside"))).toBe(false);
  } finally {
    tmp.cleanup();
  }
});

import { expect, test } from "bun:test";
import { folderUrl, joinUrl } from "../../../server/lib/urls.ts";

test("a path joins under the base's sub-path, with or without slashes on either side", () => {
  for (const base of [
    "http://nas:8096/jellyfin",
    "http://nas:8096/jellyfin/",
    folderUrl("http://nas:8096/jellyfin"),
  ])
    for (const path of ["Library/Refresh", "/Library/Refresh"])
      expect(joinUrl(base, path).href).toBe("http://nas:8096/jellyfin/Library/Refresh");
  expect(joinUrl(new URL("http://nas:8096/jellyfin"), "System/Info").href).toBe(
    "http://nas:8096/jellyfin/System/Info",
  );
  expect(joinUrl("http://127.0.0.1:9000", "message").href).toBe("http://127.0.0.1:9000/message");
});

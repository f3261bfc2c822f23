import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { series } from "../../../db/schema/index.ts";
import { buildMixedLibrary } from "../../helpers/library-fixture.ts";
import { insertSeriesRow } from "../../helpers/rows.ts";
import { allSeries, libraryServices } from "../../helpers/services.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { startTestServer } from "../../helpers/test-server.ts";
import { startLoader } from "../loading/loader-harness.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A scanned library whose folders are then taken away, as an unmounted share leaves its mount point. */
async function unmountedLibrary() {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  const away = join(tmp.path, "share");
  buildMixedLibrary(root, join(tmp.path, "outside"));
  const s = libraryServices(join(tmp.path, "data"), root);
  cleanups.unshift(s.close);
  expect((await s.scan()).state).toBe("completed");
  const onDisk = () => allSeries(s.queries).map((r) => r.episodesOnDisk);
  expect(onDisk()).toEqual([3, 4]);
  const unmount = () => {
    mkdirSync(away, { recursive: true });
    for (const name of readdirSync(root)) renameSync(join(root, name), join(away, name));
  };
  const mount = () => {
    for (const name of readdirSync(away)) renameSync(join(away, name), join(root, name));
  };
  return { root, s, onDisk, unmount, mount };
}

test("an empty library folder (a share not mounted) fails the full scan and marks nothing gone", async () => {
  const { s, onDisk, unmount, mount } = await unmountedLibrary();
  unmount();
  const job = await s.scan();
  expect(job.state).toBe("failed");
  expect(job.error).toMatch(
    /none of the library's 2 series folders is in the library folder: is its drive or share mounted\? No series was marked gone/,
  );
  expect(onDisk()).toEqual([3, 4]);
  // Back again: scans work as before, and a folder really deleted is then marked gone.
  mount();
  expect((await s.scan()).state).toBe("completed");
  expect(onDisk()).toEqual([3, 4]);
});

test("a library folder holding none of the known series folders is refused too; one folder gone is not", async () => {
  const { root, s, onDisk, unmount, mount } = await unmountedLibrary();
  unmount();
  mkdirSync(join(root, "Something Else"));
  const refused = await s.scan();
  expect(refused.state).toBe("failed");
  expect(onDisk()).toEqual([3, 4]);
  mount();
  const naruto = allSeries(s.queries).find((r) => r.folder === "Naruto");
  expect(naruto).toBeDefined();
  renameSync(join(root, "Naruto"), join(root, "..", "naruto-deleted"));
  expect((await s.scan()).state).toBe("completed");
  expect(allSeries(s.queries).find((r) => r.id === naruto?.id)?.episodesOnDisk).toBe(0);
});

test("at startup an unavailable library queues no loading and makes no folder", async () => {
  let h = startLoader();
  const row = await h.series.add("aniworld:frieren");
  await h.waitStatus(row.id, "completed");
  const dir = h.dir;
  await h.close(true);
  const library = join(dir, "library");
  const away = join(dir, "share");
  renameSync(library, away);
  mkdirSync(library);
  h = startLoader({ dir });
  cleanups.unshift(() => void h.close());
  expect(await h.loader.backfill()).toEqual({ queued: 0, vanished: 0 });
  expect(
    h.logs.some(
      (l) => l.includes("nothing queued at startup") && l.includes("is its drive or share mounted"),
    ),
  ).toBe(true);
  expect(readdirSync(library)).toEqual([]);
  expect(h.statusOf(row.id)).toBe("completed");
  // Mounted again: nothing vanished, nothing to load.
  renameSync(join(away, "Frieren"), join(library, "Frieren"));
  expect(await h.loader.backfill()).toEqual({ queued: 0, vanished: 0 });
  expect(existsSync(join(library, "Frieren", "tvshow.nfo"))).toBe(true);
});

test("System → Health names an unavailable library folder on the library's check", async () => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const server = await startTestServer({
    ANIWORLD_DATA_DIR: join(tmp.path, "data"),
    ANIWORLD_LIBRARY: join(tmp.path, "library"),
  });
  cleanups.unshift(() => void server.close());
  const db = server.app.services.db.db;
  // Series whose NFO the loader wrote: their folders were on disk.
  for (const folder of ["Frieren", "Vinland Saga"]) {
    const id = insertSeriesRow(db, { catalogKey: `aniworld:${folder.toLowerCase()}`, title: folder, folder });
    db.update(series).set({ nfoLoaded: true }).where(eq(series.id, id)).run();
    mkdirSync(join(server.config.library, folder));
  }
  const libraryCheck = async () =>
    (await server.app.services.diagnostics.localChecks()).find((c) => c.id === "disk");
  expect(await libraryCheck()).toMatchObject({ label: "Library folder", status: "ok" });
  renameSync(join(server.config.library, "Frieren"), join(tmp.path, "Frieren"));
  expect(await libraryCheck()).toMatchObject({ status: "ok" });
  renameSync(join(server.config.library, "Vinland Saga"), join(tmp.path, "Vinland Saga"));
  expect(await libraryCheck()).toMatchObject({
    status: "fail",
    detail: "none of the library's 2 series folders is in the library folder: is its drive or share mounted?",
  });
});

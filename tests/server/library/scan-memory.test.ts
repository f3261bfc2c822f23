import { afterEach, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildMixedLibrary } from "../../helpers/library-fixture.ts";
import { allSeries, libraryServices } from "../../helpers/services.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  buildMixedLibrary(root, join(tmp.path, "outside"));
  const open = () => {
    const s = libraryServices(join(tmp.path, "data"), root);
    cleanups.unshift(s.close);
    return s;
  };
  return { root, open };
}

const summary = (r: { result: unknown }) => ({ ...(r.result as object), durationMs: 0, unchanged: 0 });

test("the first scan after a restart skips unchanged folders and reports the same result", async () => {
  const { root, open } = setup();
  const first = open();
  const cold = await first.scan();
  const warm = await first.scan();
  first.close();

  const second = open();
  const afterRestart = await second.scan();
  expect(afterRestart.result?.unchanged).toBe(3);
  expect(summary(afterRestart)).toEqual({ ...summary(warm) });
  expect(afterRestart.result?.episodesOnDisk).toBe(cold.result?.episodesOnDisk);

  // A changed folder is read again; the others stay skipped.
  writeFileSync(join(root, "Naruto", "Season 01", "Naruto - S01E07 - Sieben [German Dub].mkv"), "7");
  const changed = await second.scan();
  expect(changed.result?.unchanged).toBe(2);
  expect(allSeries(second.queries).find((r) => r.folder === "Naruto")?.episodesOnDisk).toBe(5);
  second.close();

  // The change is remembered too: after another restart nothing is read again.
  const third = open();
  expect((await third.scan()).result?.unchanged).toBe(3);
});

test("stored state that is damaged, or that disagrees with the database, only costs a re-read", async () => {
  const { open } = setup();
  const first = open();
  await first.scan();
  first.db.sqlite.run("UPDATE library_folder_state SET outcome = '{broken' WHERE folder = 'Naruto'");
  first.db.sqlite.run(
    "UPDATE library_folder_state SET mtimes = '{\"\": \"not a number\"}' WHERE folder = 'Some Anime [tmdbid-1]'",
  );
  // The series row of a remembered folder is gone: its outcome no longer matches the database.
  first.db.sqlite.run("DELETE FROM series WHERE folder = 'Attack on Titan (2013)'");
  first.close();
  const second = open();
  const job = await second.scan();
  expect(job.state).toBe("completed");
  expect([job.result?.unchanged, job.result?.created, job.result?.matched]).toEqual([0, 1, 1]);
  expect(allSeries(second.queries).map((r) => [r.folder, r.episodesOnDisk])).toEqual([
    ["Attack on Titan (2013)", 3],
    ["Naruto", 4],
  ]);
  expect((await second.scan()).result?.unchanged).toBe(3);
});

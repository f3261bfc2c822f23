import { afterEach, expect, test } from "bun:test";
import { renameSync } from "node:fs";
import { join } from "node:path";
import { isTrackedEnvelope } from "@trpc/server";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import type { ScanJobStatus } from "../../../shared/library-status.ts";
import { ADMIN, callerFor } from "../../helpers/callers.ts";
import { writeTree } from "../../helpers/library-fixture.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

/**
 * The library scan through the real server: fansub files with absolute numbers land on the catalogue's
 * episodes by its season lengths; files that match nothing are listed by library.unmatched (with the reason)
 * instead of being dropped, and a rename plus rescan moves them onto their episode.
 */
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

test("absolute numbers follow the catalogue's seasons; unmatched files are kept and listed per series", async () => {
  server = await startTestServer();
  const { services } = server.app;
  await services.libraryScans.waitFor(services.libraryScans.latestJob()!.jobId);
  const caller = callerFor(services, ADMIN);
  const anonymous = callerFor(services, null);
  const scan = async (folder?: string) => {
    const { jobId } = await caller.library.scan(folder ? { folder } : undefined);
    // A server-side caller gets tracked() envelopes as they are: [eventId, data, marker].
    for await (const status of await caller.library.scanStatus({ jobId }))
      if (isTrackedEnvelope<ScanJobStatus>(status) && status[1].result) return status[1];
    throw new Error("the scan ended without a result");
  };

  const dir = "Harbor Tale";
  writeTree(server.config.library, {
    [`${dir}/.aniworld.json`]: JSON.stringify({
      catalogKey: "aniworld:harbor-tale",
      title: "Harbor Tale",
      year: 2020,
    }),
    [`${dir}/[SubsPlease] Harbor Tale - 01 (1080p) [AAAA0001].mkv`]: "1",
    [`${dir}/[SubsPlease] Harbor Tale - 13 (1080p) [AAAA0013].mkv`]: "13",
    [`${dir}/[SubsPlease] Harbor Tale - 26 (1080p) [AAAA0026].mkv`]: "26",
    [`${dir}/Season 01/Harbor.Tale.S01E02.1080p.WEB.h264-GRP.mkv`]: "2",
    [`${dir}/Season 01/Harbor.Tale.S01E02.720p.WEB.h264-OTHER.mkv`]: "22",
    [`${dir}/Season 01/Harbor Tale - Behind the Scenes.mkv`]: "b",
  });
  await scan();
  const row = (await caller.series.list({ catalogKeys: ["aniworld:harbor-tale"] })).rows[0];
  expect(row).toBeDefined();
  const seriesId = row!.id;
  new EpisodesRepository(services.db.db).storeCatalogEpisodes(seriesId, [
    ...Array.from({ length: 12 }, (_, i) => ({
      season: 1,
      number: i + 1,
      titleDe: null,
      titleEn: null,
      languages: ["de"],
    })),
    ...Array.from({ length: 13 }, (_, i) => ({
      season: 2,
      number: i + 1,
      titleDe: null,
      titleEn: null,
      languages: ["de"],
    })),
  ]);
  await scan(dir);

  const details = await caller.series.get({ id: seriesId });
  const onDisk = details.episodes.filter((e) => e.onDisk).map((e) => [e.season, e.number, e.filePath]);
  expect(onDisk).toEqual([
    [1, 1, `${dir}/[SubsPlease] Harbor Tale - 01 (1080p) [AAAA0001].mkv`],
    [1, 2, `${dir}/Season 01/Harbor.Tale.S01E02.1080p.WEB.h264-GRP.mkv`],
    [2, 1, `${dir}/[SubsPlease] Harbor Tale - 13 (1080p) [AAAA0013].mkv`],
  ]);
  expect(details.episodes.every((e) => e.inCatalog)).toBe(true);
  expect(await caller.library.unmatched({ seriesId })).toEqual([
    { path: `${dir}/Season 01/Harbor Tale - Behind the Scenes.mkv`, reason: "no-number", reading: null },
    {
      path: `${dir}/Season 01/Harbor.Tale.S01E02.720p.WEB.h264-OTHER.mkv`,
      reason: "duplicate",
      reading: "S01E02",
    },
    {
      path: `${dir}/[SubsPlease] Harbor Tale - 26 (1080p) [AAAA0026].mkv`,
      reason: "not-in-catalogue",
      reading: "absolute 26",
    },
  ]);

  // The user renames two of them; a rescan attaches them and the list shrinks to what is still unmatched.
  const lib = server.config.library;
  renameSync(
    join(lib, dir, "Season 01", "Harbor Tale - Behind the Scenes.mkv"),
    join(lib, dir, "Season 01", "Harbor Tale - S01E05 - Behind the Scenes.mkv"),
  );
  renameSync(
    join(lib, dir, "Season 01", "Harbor.Tale.S01E02.720p.WEB.h264-OTHER.mkv"),
    join(lib, dir, "Season 01", "Harbor.Tale.S01E03.720p.WEB.h264-OTHER.mkv"),
  );
  await scan(dir);
  expect((await caller.library.unmatched({ seriesId })).map((f) => f.reason)).toEqual(["not-in-catalogue"]);
  const after = await caller.series.get({ id: seriesId });
  expect(after.episodes.filter((e) => e.onDisk).map((e) => `${e.season}x${e.number}`)).toEqual([
    "1x1",
    "1x2",
    "1x3",
    "1x5",
    "2x1",
  ]);

  // Deleting the folder clears its unmatched files with its episodes (another series' folder shows that
  // the library folder itself is there).
  writeTree(lib, {
    "Other Tale/.aniworld.json": JSON.stringify({
      catalogKey: "aniworld:other-tale",
      title: "Other Tale",
      year: 2021,
    }),
    "Other Tale/Other Tale - S01E01.mkv": "1",
  });
  await scan();
  renameSync(join(lib, dir), join(server.dir, "moved-away"));
  await scan();
  expect(await caller.library.unmatched({ seriesId })).toEqual([]);

  await expect(caller.library.unmatched({ seriesId: 999_999 })).rejects.toThrow(/no series/);
  await expect(caller.library.unmatched({ seriesId: 0 })).rejects.toThrow(/Invalid/);
  await expect(anonymous.library.unmatched({ seriesId })).rejects.toThrow(/sign in/);
});

import { afterEach, expect, test } from "bun:test";
import { isTrackedEnvelope } from "@trpc/server";
import { EpisodesRepository } from "../../../db/repositories/episodes-repository.ts";
import type { ScanJobStatus } from "../../../shared/library-status.ts";
import { ADMIN, callerFor } from "../../helpers/callers.ts";
import { writeTree } from "../../helpers/library-fixture.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

/**
 * The library scan through the real server, with the season lengths of real shows: Jujutsu Kaisen (24, 23)
 * and Mob Psycho 100 (12, 13, 12). Groups that count on from earlier seasons ("2nd Season - 25", "S3 - 37")
 * land on the season's own episodes; a number that does not fit is not guessed.
 */
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const seasons = (lengths: number[]) =>
  lengths.flatMap((length, s) =>
    Array.from({ length }, (_, i) => ({
      season: s + 1,
      number: i + 1,
      titleDe: null,
      titleEn: null,
      languages: ["en-sub"],
    })),
  );

test("numbers counted on from earlier seasons attach to the season's own episodes", async () => {
  server = await startTestServer();
  const { services } = server.app;
  await services.libraryScans.waitFor(services.libraryScans.latestJob()!.jobId);
  const caller = callerFor(services, ADMIN);
  const scan = async (folder?: string) => {
    const { jobId } = await caller.library.scan(folder ? { folder } : undefined);
    for await (const status of await caller.library.scanStatus({ jobId }))
      if (isTrackedEnvelope<ScanJobStatus>(status) && status[1].result) return status[1];
    throw new Error("the scan ended without a result");
  };

  const jjk = "Jujutsu Kaisen";
  const mob = "Mob Psycho 100";
  writeTree(server.config.library, {
    [`${jjk}/.aniworld.json`]: JSON.stringify({
      catalogKey: "aniworld:jujutsu-kaisen",
      title: jjk,
      year: 2020,
    }),
    [`${jjk}/[Erai-raws] Jujutsu Kaisen 2nd Season - 25 [1080p][Multiple Subtitle][ENG].mkv`]: "25",
    [`${jjk}/[Erai-raws] Jujutsu Kaisen 2nd Season - 26 [1080p][Multiple Subtitle][ENG].mkv`]: "26",
    [`${jjk}/[Erai-raws] Jujutsu Kaisen 2nd Season - 47 END [1080p][Multiple Subtitle][ENG].mkv`]: "47",
    // A season folder is a season written apart from the number too.
    [`${jjk}/Season 02/Jujutsu Kaisen - 030.mkv`]: "30",
    [`${mob}/.aniworld.json`]: JSON.stringify({
      catalogKey: "aniworld:mob-psycho-100",
      title: mob,
      year: 2016,
    }),
    [`${mob}/[SubsPlease] Mob Psycho 100 S3 - 26 (1080p) [1A2B3C4D].mkv`]: "26",
    [`${mob}/[SubsPlease] Mob Psycho 100 S3 - 37 (1080p) [5E6F7A8B].mkv`]: "37",
    [`${mob}/[SubsPlease] Mob Psycho 100 S3 - 38 (1080p) [9C0D1E2F].mkv`]: "38",
    [`${mob}/[SubsPlease] Mob Psycho 100 S3 - 05 (1080p) [3A4B5C6D].mkv`]: "5",
    // A Sonarr-style name counts within its season as written, even past the catalogue's season: a library
    // whose seasons are split differently must not have S03E30 taken for another episode it may also hold.
    [`${mob}/Season 03/Mob Psycho 100 - S03E30 - Title.mkv`]: "30",
  });
  await scan();
  const idOf = async (catalogKey: string) => {
    const row = (await caller.series.list({ catalogKeys: [catalogKey] })).rows[0];
    expect(row).toBeDefined();
    return row!.id;
  };
  const jjkId = await idOf("aniworld:jujutsu-kaisen");
  const mobId = await idOf("aniworld:mob-psycho-100");
  const episodes = new EpisodesRepository(services.db.db);
  episodes.storeCatalogEpisodes(jjkId, seasons([24, 23]));
  episodes.storeCatalogEpisodes(mobId, seasons([12, 13, 12]));
  await scan(jjk);
  await scan(mob);

  const onDisk = async (id: number) =>
    (await caller.series.get({ id })).episodes
      .filter((e) => e.onDisk)
      .map((e) => [e.season, e.number, e.inCatalog, e.filePath?.replace(/^.*\//, "")]);
  expect(await onDisk(jjkId)).toEqual([
    [2, 1, true, "[Erai-raws] Jujutsu Kaisen 2nd Season - 25 [1080p][Multiple Subtitle][ENG].mkv"],
    [2, 2, true, "[Erai-raws] Jujutsu Kaisen 2nd Season - 26 [1080p][Multiple Subtitle][ENG].mkv"],
    [2, 6, true, "Jujutsu Kaisen - 030.mkv"],
    [2, 23, true, "[Erai-raws] Jujutsu Kaisen 2nd Season - 47 END [1080p][Multiple Subtitle][ENG].mkv"],
  ]);
  // 26 and 37 are season 3's episodes 1 and 12; 05 is within the season; 38 fits nowhere and stays as written
  // (an episode the catalogue does not list yet), not moved onto another one.
  expect(await onDisk(mobId)).toEqual([
    [3, 1, true, "[SubsPlease] Mob Psycho 100 S3 - 26 (1080p) [1A2B3C4D].mkv"],
    [3, 5, true, "[SubsPlease] Mob Psycho 100 S3 - 05 (1080p) [3A4B5C6D].mkv"],
    [3, 12, true, "[SubsPlease] Mob Psycho 100 S3 - 37 (1080p) [5E6F7A8B].mkv"],
    [3, 30, false, "Mob Psycho 100 - S03E30 - Title.mkv"],
    [3, 38, false, "[SubsPlease] Mob Psycho 100 S3 - 38 (1080p) [9C0D1E2F].mkv"],
  ]);
  expect(await caller.library.unmatched({ seriesId: jjkId })).toEqual([]);
});

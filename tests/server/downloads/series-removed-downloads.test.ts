/**
 * A series removed while one of its episodes downloads, or with a download paused half-way: the real server,
 * its API and the hoster stand-in. Nothing of the transfers stays in the library, whether the folder was kept
 * or deleted; the files that were there before stay untouched.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { filesUnder } from "../../helpers/files-under.ts";
import { startServerWithSampleSeries } from "../../helpers/stand-ins.ts";
import { httpClient, waitFor } from "../../helpers/test-server.ts";

let world: Awaited<ReturnType<typeof startServerWithSampleSeries>>;
beforeEach(async () => {
  world = await startServerWithSampleSeries();
});
afterEach(() => world.stop());

/**
 * Starts a slow download (a direct file from Vidoza, or HLS from VOE) of a new episode in season 3 of the
 * sample series; resolves once its bytes are on disk.
 */
async function downloading(
  hosters = ["Vidoza"],
): Promise<{ id: number; folder: string; api: ReturnType<typeof httpClient> }> {
  const { server, sample, hoster } = world;
  hoster.behaviour.throttleBytesPerSecond = 256 * 1024;
  hoster.behaviour.mediaSize = () => 2 * 1024 * 1024;
  hoster.behaviour.hlsSegments = 40;
  hoster.behaviour.hlsSegmentBytes = 64 * 1024;
  const { id } = await world.queueNewEpisode(hosters);
  const api = httpClient(server.url, world.creds.cookieHeaders);
  const folder = join(server.config.library, sample.slug);
  await waitFor(
    () =>
      server.app.services.downloads.list().some((i) => i.id === id && i.bytesDone > 0) &&
      filesUnder(folder).some((p) => p.endsWith(".part")),
    "the download under way",
  );
  return { id, folder, api };
}

/** Files the series folder held before any download: episodes on disk, and a stranger's part file. */
function existingFiles(folder: string): string[] {
  const files = [
    "Season 01/Show - S01E01 - Eins [de].mp4",
    "Season 01/Show - S01E01 - Eins [de].nfo",
    // Named like a transfer's leftover, but no download of this series writes under that name.
    "Season 01/Show - S01E07.ts.part",
    "tvshow.nfo",
  ];
  for (const file of files) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), `kept: ${file}`);
  }
  return files;
}

test("removing a series (its folder kept) stops its running download; the folder holds nothing of it", async () => {
  const { folder, api } = await downloading();
  await api.series.remove.mutate({ id: world.seriesId, deleteFiles: false });
  await world.server.app.services.downloads.idle();
  await waitFor(() => world.hoster.openMediaResponses() === 0, "the media response to end");
  expect(filesUnder(folder)).toEqual([]);
  expect(await api.downloads.list.query()).toEqual([]);
});

test("removing a series with its files: the folder stays gone though a download was running into it", async () => {
  const { folder, api } = await downloading();
  await api.series.remove.mutate({ id: world.seriesId, deleteFiles: true });
  await world.server.app.services.downloads.idle();
  expect(existsSync(folder)).toBe(false);
});

test("removing a series (its folder kept) removes what its paused HLS download left; the other files stay", async () => {
  const folder = join(world.server.config.library, world.sample.slug);
  const before = existingFiles(folder);
  const { id, api } = await downloading(["VOE"]);
  await waitFor(
    () => filesUnder(folder).some((p) => p.endsWith(".ts.part.json")),
    "the HLS resume state on disk",
  );
  await api.downloads.pause.mutate({ id });
  await world.server.app.services.downloads.idle();
  const leftovers = filesUnder(folder).filter((p) => !before.includes(p));
  expect(leftovers).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/\.ts\.part$/),
      expect.stringMatching(/\.ts\.part\.json$/),
    ]),
  );
  expect((await api.downloads.list.query()).find((i) => i.id === id)?.state).toBe("paused");

  await api.series.remove.mutate({ id: world.seriesId, deleteFiles: false });
  expect(filesUnder(folder).sort()).toEqual([...before].sort());
  for (const file of before) expect(await Bun.file(join(folder, file)).text()).toBe(`kept: ${file}`);
  // The season folder only this download made goes with its files.
  expect(existsSync(join(folder, "Season 03"))).toBe(false);
  expect(await api.downloads.list.query()).toEqual([]);
});

test("removing a series (its folder kept) also cleans a queued download's resumable part and a failed one that kept its part", async () => {
  const { server } = world;
  const folder = join(server.config.library, world.sample.slug);
  const before = existingFiles(folder);
  const api = httpClient(server.url, world.creds.cookieHeaders);
  await api.settings.update.mutate({ downloadConcurrency: 1 });
  const stopped = async (id: number) => {
    await api.downloads.pause.mutate({ id });
    await server.app.services.downloads.idle();
  };
  const waiting = await downloading(["VOE"]);
  await stopped(waiting.id);
  const failed = await downloading();
  await stopped(failed.id);
  // A failure that kept its part (the crash path keeps the row's files as they are).
  server.app.services.downloads.repo.update(failed.id, { state: "failed", finishedAt: Date.now() });
  const running = await downloading();
  await api.downloads.resume.mutate({ id: waiting.id });
  const states = Object.fromEntries((await api.downloads.list.query()).map((i) => [i.id, i.state]));
  expect(states).toEqual({ [waiting.id]: "queued", [failed.id]: "failed", [running.id]: "downloading" });
  expect(filesUnder(folder).filter((p) => p.startsWith("Season 03/")).length).toBeGreaterThanOrEqual(4);

  await api.series.remove.mutate({ id: world.seriesId, deleteFiles: false });
  expect(filesUnder(folder).sort()).toEqual([...before].sort());
  expect(existsSync(join(folder, "Season 03"))).toBe(false);
});

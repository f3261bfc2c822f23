/**
 * A series removed while one of its episodes downloads: the real server, its API and the hoster stand-in.
 * The transfer stops and nothing of it stays in the library, whether the folder was kept or deleted.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { episodes } from "../../../db/schema/index.ts";
import { startServerWithSampleSeries } from "../../helpers/stand-ins.ts";
import { httpClient, waitFor } from "../../helpers/test-server.ts";

let world: Awaited<ReturnType<typeof startServerWithSampleSeries>>;
beforeEach(async () => {
  world = await startServerWithSampleSeries();
});
afterEach(() => world.stop());

/** Every file under `dir` (folders left out), relative to it. */
const filesUnder = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((p) => statSync(join(dir, p)).isFile())
    : [];

/** Starts a slow download of a new episode of the sample series; resolves once its bytes are on disk. */
async function downloading(): Promise<{ folder: string; api: ReturnType<typeof httpClient> }> {
  const { server, catalogue, sample, seriesId, hoster } = world;
  hoster.behaviour.throttleBytesPerSecond = 256 * 1024;
  hoster.behaviour.mediaSize = () => 2 * 1024 * 1024;
  const added = catalogue.addEpisode(sample.slug, 3, { languages: ["de"], hosters: ["Vidoza"] });
  const episodeId = server.app.services.db.db
    .insert(episodes)
    .values({ seriesId, season: 3, number: added.number, languages: ["de"], updatedAt: 0 })
    .returning({ id: episodes.id })
    .get().id;
  const api = httpClient(server.url, world.creds.cookieHeaders);
  const [id] = (await api.downloads.enqueue.mutate({ episodeIds: [episodeId] })).queued;
  const folder = join(server.config.library, sample.slug);
  await waitFor(
    () =>
      server.app.services.downloads.list().some((i) => i.id === id && i.bytesDone > 0) &&
      filesUnder(folder).some((p) => p.endsWith(".part")),
    "the download under way",
  );
  return { folder, api };
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

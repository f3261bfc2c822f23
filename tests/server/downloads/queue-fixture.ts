import { join } from "node:path";
import { type DbHandle, openDatabase } from "../../../db/connection.ts";
import { episodes, series } from "../../../db/schema/index.ts";
import { type CatalogueServer, startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import {
  type HosterBehaviour,
  type HosterServer,
  startHosterServer,
} from "../../../scripts/stand-ins/hoster-server.ts";
import type { SampleEpisode } from "../../../scripts/stand-ins/sample-catalogue.ts";
import {
  type DownloadQueueOptions,
  DownloadQueueService,
} from "../../../server/downloads/download-queue-service.ts";
import { EventsService } from "../../../server/events/events-service.ts";
import { createLogger } from "../../../server/logger.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import type { CatalogProvider } from "../../../server/providers/contracts.ts";
import { SettingsService } from "../../../server/settings/settings-service.ts";
import type { DownloadItem } from "../../../shared/downloads.ts";
import { loopbackHttp } from "../../helpers/outbound.ts";
import { recordingHttp } from "../../helpers/stand-ins.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { waitFor } from "../../helpers/test-server.ts";

/**
 * The real queue against real stand-ins: the catalogue server (redirecting to the hoster stand-in), the
 * hoster server, a real SQLite file and a library folder. One sample series is in the library.
 */
export async function startQueueFixture(behaviour: Partial<HosterBehaviour> = {}) {
  const tmp = tempDir();
  const hoster: HosterServer = await startHosterServer(behaviour);
  const catalogue: CatalogueServer = startCatalogueServer({ count: 3, hosterBaseUrl: hoster.url });
  const provider: CatalogProvider = createCatalogProvider({
    baseUrl: catalogue.url,
    http: recordingHttp().http,
  });
  const sample = catalogue.series[0]!;
  const libraryRoot = join(tmp.path, "library");
  const dataDir = join(tmp.path, "data");
  let db: DbHandle = openDatabase(dataDir);
  const now = Date.now();
  const seriesId = db.db
    .insert(series)
    .values({
      catalogKey: `aniworld:${sample.slug}`,
      title: sample.titleDe,
      folder: `${sample.titleDe} (${sample.startYear})`,
      year: sample.startYear,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: series.id })
    .get().id;
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", json: true, write: (l) => logs.push(l) });
  let settings = new SettingsService(db.db);
  let events = new EventsService(db.db);
  const make = (extra: Partial<DownloadQueueOptions> = {}) =>
    new DownloadQueueService({
      db: db.db,
      settings,
      catalog: provider,
      http: loopbackHttp(),
      libraryRoot,
      logger,
      ffmpeg: null,
      stallMs: 200,
      keepFreeBytes: 0,
      events,
      ...extra,
    });
  const fixture = {
    tmp,
    hoster,
    catalogue,
    provider,
    sample,
    seriesId,
    libraryRoot,
    get events() {
      return events;
    },
    logs,
    logger,
    get db() {
      return db;
    },
    get settings() {
      return settings;
    },
    queue: make(),
    make,
    /** Adds an episode to the catalogue and the library (not on disk); returns its episode id. */
    addEpisode(
      season: number,
      episode: Partial<SampleEpisode>,
    ): { id: number; code: (lang: string) => string } {
      const added = catalogue.addEpisode(sample.slug, season, episode);
      const id = db.db
        .insert(episodes)
        .values({
          seriesId,
          season,
          number: added.number,
          titleDe: added.titleDe,
          titleEn: added.titleEn,
          languages: added.languages,
          updatedAt: Date.now(),
        })
        .returning({ id: episodes.id })
        .get().id;
      return { id, code: (lang) => `${sample.slug}-s${season}e${added.number}-${lang}` };
    },
    item(id: number): DownloadItem {
      const found = fixture.queue.list().find((i) => i.id === id);
      if (!found) throw new Error(`no download ${id}`);
      return found;
    },
    async settled(
      id: number,
      states: DownloadItem["state"][] = ["completed", "failed", "paused", "cancelled"],
    ) {
      await waitFor(() => states.includes(fixture.item(id).state), `download ${id} to settle`, 15_000);
      return fixture.item(id);
    },
    /** Closes and reopens the database (a process restart as far as SQLite is concerned). */
    reopen() {
      db.close();
      db = openDatabase(dataDir);
      settings = new SettingsService(db.db);
      events = new EventsService(db.db);
      fixture.queue = make();
    },
    async stop() {
      await fixture.queue.stop();
      await Promise.all([hoster.stop(), catalogue.stop()]);
      db.close();
      tmp.cleanup();
    },
  };
  return fixture;
}
export type QueueFixture = Awaited<ReturnType<typeof startQueueFixture>>;

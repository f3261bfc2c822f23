/**
 * Sets the real app's download queue into the states a test needs, through the app's own API: series added
 * from the catalogue stand-in, episodes queued, paused, resumed, cancelled, finished. One download at a time
 * under a crawling bandwidth limit, so the first one stays "downloading" and the rest stay "queued" until a
 * test changes them.
 */
import { vi } from "vitest";
import type { DownloadItem } from "../../../../shared/downloads.ts";
import type { RealApp } from "./real-app.ts";

/** Slow enough that an 8 MiB video is still downloading when any test ends (a minute). */
const CRAWL_BYTES_PER_SECOND = 128 * 1024;
/** Waits on the app's state: a busy shared machine may take seconds; they end as soon as it holds. */
const UNTIL = { timeout: 20_000, interval: 50 };

interface Episode {
  id: number;
  season: number;
  number: number;
}

export function queueScenes(app: RealApp) {
  let nextSlug = 0;
  const added: number[] = [];
  const list = () => app.query<DownloadItem[]>("downloads.list");
  const until = <T>(read: () => Promise<T | undefined>, what: string): Promise<T> =>
    vi.waitFor(async () => {
      const value = await read();
      if (value === undefined) throw new Error(`the app never got to: ${what}`);
      return value;
    }, UNTIL);

  return {
    /**
     * One download at a time, crawling; the catalogue stand-in asked as fast as the app can (its polite
     * default rate of one request a second would make each test wait on it).
     */
    setUp: () =>
      app.mutate("settings.update", {
        downloadConcurrency: 1,
        bandwidthLimit: CRAWL_BYTES_PER_SECOND,
        catalogRatePerSecond: 1000,
      }),
    list,
    /** The queue as the app has it, once `holds` is true of it. */
    until: (holds: (items: DownloadItem[]) => boolean, what: string) =>
      until(async () => {
        const items = await list();
        return holds(items) ? items : undefined;
      }, what),

    /** Adds the catalogue's next series and waits for its episode list; returns its id and season 1. */
    async series(): Promise<{ id: number; episodes: Episode[] }> {
      const slug = app.slugs[nextSlug++];
      if (!slug) throw new Error("the catalogue stand-in ran out of series");
      const { id } = await app.mutate<{ id: number }>("series.add", { catalogKey: `aniworld:${slug}` });
      added.push(id);
      const episodes = await until(async () => {
        const d = await app.query<{ episodes: Episode[] }>("series.get", { id });
        const season = d.episodes.filter((e) => e.season === 1);
        return season.length >= 3 ? season : undefined;
      }, `series ${slug} lists its episodes`);
      return { id, episodes };
    },

    /**
     * Queues three episodes in this order; resolves once the first is downloading (the others wait behind
     * it). Returns the download ids in the same order.
     */
    async queue(episodes: Episode[]): Promise<[number, number, number]> {
      const { queued } = await app.mutate<{ queued: number[] }>("downloads.enqueue", {
        episodeIds: episodes.map((e) => e.id),
      });
      const [first, second, third, ...more] = queued;
      if (first === undefined || second === undefined || third === undefined || more.length)
        throw new Error(`queue three episodes, not ${queued.length}`);
      await this.until(
        (items) => items.some((d) => d.id === first && d.state === "downloading"),
        "the first download is running",
      );
      return [first, second, third];
    },

    /**
     * Finishes a paused download at full speed (pause the others first), then crawls again. It starts
     * under no limit: one that starts under the crawl may first sleep off what earlier transfers took.
     */
    async finish(id: number): Promise<void> {
      await app.mutate("settings.update", { bandwidthLimit: 0 });
      await app.mutate("downloads.resume", { id });
      await this.until((items) => items.some((d) => d.id === id && d.state === "completed"), "it finished");
      await app.mutate("settings.update", { bandwidthLimit: CRAWL_BYTES_PER_SECOND });
    },

    /** Removes a series: its downloads go with it, with no download event for them. */
    async remove(id: number): Promise<void> {
      added.splice(added.indexOf(id), 1);
      await app.mutate("series.remove", { id });
    },

    /** Removes every series a test added: their downloads go with them. */
    async clear(): Promise<void> {
      for (const id of added.splice(0)) await app.mutate("series.remove", { id, deleteFiles: true });
    },
  };
}

export type QueueScenes = ReturnType<typeof queueScenes>;

/**
 * The bandwidth limit changed while a download sleeps off the debt its last chunk took at a crawling limit:
 * the real queue, the hoster stand-in, the bucket on the real clock. Raised or lifted, the limit applies at
 * once; the old debt (a minute of sleep) would outlast the wait for the download to finish.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { BANDWIDTH_BURST_SECONDS } from "../../../server/downloads/download-queue-service.ts";
import { sleep } from "../../../server/lib/sleep.ts";
import { TokenBucket } from "../../../server/lib/token-bucket.ts";
import { waitFor } from "../../helpers/test-server.ts";
import { type QueueFixture, startQueueFixture } from "./queue-fixture.ts";

const CRAWL = 1024;
let f: QueueFixture;
beforeEach(async () => {
  f = await startQueueFixture();
});
afterEach(() => f.stop());

/** Starts a download at 1 KiB/s; resolves once a transfer sleeps off more than half a minute of debt. */
async function crawling(): Promise<number> {
  f.settings.update({ bandwidthLimit: CRAWL });
  const sleeps: number[] = [];
  const bandwidth = new TokenBucket(CRAWL, {
    burst: { seconds: BANDWIDTH_BURST_SECONDS },
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return sleep(ms, signal);
    },
  });
  // The stall watch must not end the wait: only the limit's change may.
  f.queue = f.make({ bandwidth, stallMs: 600_000 });
  f.queue.start();
  const ep = f.addEpisode(1, { languages: ["de"], hosters: ["Vidoza"] });
  const id = f.queue.enqueue({ episodeIds: [ep.id] }).queued[0];
  if (id === undefined) throw new Error("the episode was not queued");
  await waitFor(() => sleeps.some((ms) => ms > 30_000), "the transfer to sleep off its debt");
  expect(f.item(id).state).toBe("downloading");
  return id;
}

test("lifting the bandwidth limit lets a running download go at full speed at once", async () => {
  const id = await crawling();
  f.settings.update({ bandwidthLimit: 0 });
  expect(await f.settled(id)).toMatchObject({ state: "completed" });
});

test("raising the bandwidth limit applies to a running download at once", async () => {
  const id = await crawling();
  f.settings.update({ bandwidthLimit: 1024 ** 3 });
  expect(await f.settled(id)).toMatchObject({ state: "completed" });
});

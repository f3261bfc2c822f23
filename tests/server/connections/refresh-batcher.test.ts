import { expect, test } from "bun:test";
import { RefreshBatcher } from "../../../server/connections/refresh-batcher.ts";
import { waitFor } from "../../helpers/test-server.ts";

test("changes of one series collapse into one flush, which waits while the series is busy", async () => {
  const flushed: number[] = [];
  let busy = true;
  let checks = 0;
  const batcher = new RefreshBatcher({
    quietMs: 5,
    flush: (id) => flushed.push(id),
    busy: () => {
      checks++;
      return busy;
    },
  });
  for (let i = 0; i < 5; i++) batcher.changed(1);
  batcher.changed(2);
  await waitFor(() => checks >= 4, "the busy check to run a few times");
  expect(flushed).toEqual([]);
  busy = false;
  await waitFor(() => flushed.length === 2, "both series to flush");
  expect(flushed.sort()).toEqual([1, 2]);
  expect(batcher.size).toBe(0);
});

test("a series that stays busy is flushed at the latest after maxWaitMs", async () => {
  const flushed: number[] = [];
  const batcher = new RefreshBatcher({
    quietMs: 5,
    maxWaitMs: 30,
    flush: (id) => flushed.push(id),
    busy: () => true,
  });
  batcher.changed(3);
  await waitFor(() => flushed.length === 1, "the capped flush");
  expect(flushed).toEqual([3]);
  batcher.stop();
});

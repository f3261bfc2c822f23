import { expect, test } from "bun:test";
import { LoaderQueue } from "../../../server/loading/loader-queue.ts";

test("FIFO within a priority", () => {
  const q = new LoaderQueue();
  for (const id of [5, 3, 9]) q.push(id, "user");
  expect([q.shift(), q.shift(), q.shift(), q.shift()].map((w) => w?.seriesId)).toEqual([5, 3, 9, undefined]);
});

test("user adds run before startup backfill, whatever the arrival order", () => {
  const q = new LoaderQueue();
  q.push(1, "backfill");
  q.push(2, "backfill");
  q.push(3, "user");
  q.push(4, "backfill");
  q.push(5, "user");
  expect(q.list()).toEqual([3, 5, 1, 2, 4]);
});

test("a series is never queued twice; a backfill entry is promoted by a user request", () => {
  const q = new LoaderQueue();
  expect(q.push(1, "backfill")).toBe("added");
  expect(q.push(2, "backfill")).toBe("added");
  expect(q.push(1, "backfill")).toBe("present");
  expect(q.push(2, "user")).toBe("promoted");
  expect(q.push(2, "backfill")).toBe("present");
  expect(q.push(2, "user")).toBe("present");
  expect(q.size).toBe(2);
  expect(q.list()).toEqual([2, 1]);
});

test("delete removes a waiting series (cancellation) and nothing else", () => {
  const q = new LoaderQueue();
  for (const id of [1, 2, 3]) q.push(id, "user");
  expect(q.delete(2)).toBe(true);
  expect(q.delete(2)).toBe(false);
  expect(q.delete(42)).toBe(false);
  expect(q.has(2)).toBe(false);
  expect(q.list()).toEqual([1, 3]);
  q.push(2, "user");
  expect(q.list()).toEqual([1, 3, 2]);
});

test("a prepared folder is noted only for a waiting series, survives a promotion and leaves with the series", () => {
  const q = new LoaderQueue();
  q.push(1, "backfill");
  q.push(2, "backfill");
  q.push(3, "user");
  expect(q.markFolderPrepared(2)).toBe(true);
  expect(q.markFolderPrepared(42)).toBe(false);
  expect(q.list()).toEqual([3, 1, 2]); // noting keeps the place in the line
  expect(q.push(2, "user")).toBe("promoted");
  expect(q.shift()).toEqual({ seriesId: 3, folderPrepared: false });
  expect(q.shift()).toEqual({ seriesId: 2, folderPrepared: true });
  // Gone with the series: queued again, it waits without a prepared folder; so does one cancelled and re-queued.
  q.push(2, "user");
  q.markFolderPrepared(1);
  q.delete(1);
  q.push(1, "user");
  expect([q.shift(), q.shift()]).toEqual([
    { seriesId: 2, folderPrepared: false },
    { seriesId: 1, folderPrepared: false },
  ]);
  expect(q.markFolderPrepared(1)).toBe(false);
});

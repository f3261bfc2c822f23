import { describe, expect, test } from "vitest";
import { applyDownloadEvent, finishedNow, type QueueItem } from "../../../client/src/lib/downloads-cache.ts";

const item = (id: number, over: Partial<QueueItem> = {}): QueueItem => ({
  id,
  state: "queued",
  bytesDone: 0,
  bytesTotal: null,
  speed: 0,
  etaSeconds: null,
  ...over,
});

describe("download events folded into the cached queue", () => {
  test("snapshot replaces, item upserts, progress updates figures, removed drops", () => {
    let list = applyDownloadEvent<QueueItem>(undefined, { type: "snapshot", items: [item(1), item(2)] }).list;
    list = applyDownloadEvent(list, { type: "item", item: item(3) }).list;
    expect(list?.map((d) => d.id)).toEqual([1, 2, 3]);
    const started = applyDownloadEvent(list, { type: "item", item: item(1, { state: "downloading" }) });
    expect(started.previous?.state).toBe("queued");
    list = applyDownloadEvent(started.list, {
      type: "progress",
      id: 1,
      bytesDone: 50,
      bytesTotal: 100,
      speed: 10,
      etaSeconds: 5,
    }).list;
    expect(list?.[0]).toMatchObject({ state: "downloading", bytesDone: 50, bytesTotal: 100, speed: 10 });
    expect(list?.[1]).toBe(started.list?.[1]);
    list = applyDownloadEvent(list, { type: "removed", ids: [2, 3] }).list;
    expect(list?.map((d) => d.id)).toEqual([1]);
  });

  test("progress for an unknown item changes nothing", () => {
    const list = [item(1)];
    const out = applyDownloadEvent(list, {
      type: "progress",
      id: 9,
      bytesDone: 1,
      bytesTotal: 2,
      speed: 1,
      etaSeconds: 1,
    });
    expect(out.list).toBe(list);
  });
});

describe("which item events finish a download for this client", () => {
  test("a change into completed or failed; also an item first seen already finished", () => {
    expect(finishedNow(item(1, { state: "downloading" }), item(1, { state: "completed" }))).toBe(true);
    expect(finishedNow(item(1, { state: "downloading" }), item(1, { state: "failed" }))).toBe(true);
    // Finished before the list had it (queued and done between two list reads).
    expect(finishedNow(undefined, item(1, { state: "completed" }))).toBe(true);
    expect(finishedNow(undefined, item(1, { state: "failed" }))).toBe(true);
    expect(finishedNow(item(1, { state: "completed" }), item(1, { state: "completed" }))).toBe(false);
    expect(finishedNow(item(1, { state: "queued" }), item(1, { state: "downloading" }))).toBe(false);
    expect(finishedNow(undefined, item(1, { state: "queued" }))).toBe(false);
  });
});

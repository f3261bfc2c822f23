import { Database } from "bun:sqlite";
import { beforeEach, expect, test } from "bun:test";
import { EventsService } from "../../../server/events/events-service.ts";
import type { SeriesLoadingChanged, StoredEvent } from "../../../shared/events.ts";
import { databasePerTest } from "../../helpers/database-per-test.ts";

const handle = databasePerTest();
let events: EventsService;
let published: StoredEvent[];
beforeEach(() => {
  // Writes give up on a lock after 300 ms here (the server retries for 30 s; database-lock.test.ts covers that).
  events = new EventsService(handle().db, undefined, 300);
  published = [];
  events.subscribe((s) => published.push(s));
});

const change = (n: number): SeriesLoadingChanged => ({
  type: "series.loadingChanged",
  seriesId: 1,
  status: "loading_episodes",
  progress: { episodes: false, nfo: false, logo: false, images: false },
  message: `#${n}`,
  timestamp: n,
});

/** What another connection (another process) sees committed: the events' messages in id order. */
function committedByOthers(): string[] {
  const other = new Database(handle().path, { readonly: true });
  try {
    return other
      .query<{ payload: string }, []>("SELECT payload FROM events ORDER BY id")
      .all()
      .map((r) => (JSON.parse(r.payload) as SeriesLoadingChanged).message ?? "");
  } finally {
    other.close();
  }
}

test("writes submitted in one turn commit together, then publish in id order, then resolve", async () => {
  const seenAtFirstPublish: string[][] = [];
  events.subscribe(() => {
    if (seenAtFirstPublish.length === 0) seenAtFirstPublish.push(committedByOthers());
  });
  const results = await Promise.all(
    [1, 2, 3, 4].map((n) => events.submit((_tx, record) => record(change(n)).id)),
  );
  // When the first event went out, all four were already committed: one transaction, not four.
  expect(seenAtFirstPublish).toEqual([["#1", "#2", "#3", "#4"]]);
  expect(published.map((s) => s.id)).toEqual(results);
  expect(results).toEqual([...results].sort((a, b) => a - b));
  expect(new Set(results).size).toBe(4);
});

test("nothing is visible or published before the group commits", async () => {
  const pending = events.submit((_tx, record) => record(change(1)));
  expect(committedByOthers()).toEqual([]);
  expect(published).toEqual([]);
  expect(events.log.lastId()).toBe(0);
  await pending;
  expect(committedByOthers()).toEqual(["#1"]);
  expect(published).toHaveLength(1);
});

test("a failing write fails alone: its writes and events are undone, the others commit", async () => {
  const outcomes = await Promise.allSettled([
    events.submit((_tx, record) => record(change(1))),
    events.submit((_tx, record) => {
      record(change(2));
      throw new Error("boom");
    }),
    events.submit((_tx, record) => record(change(3))),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
  expect(committedByOthers()).toEqual(["#1", "#3"]);
  expect(published.map((s) => (s.event as SeriesLoadingChanged).message)).toEqual(["#1", "#3"]);
  const ids = published.map((s) => s.id);
  expect(ids[1]).toBeGreaterThan(ids[0]!);
});

test("a write lock held elsewhere past the busy timeout rejects the group's writes and publishes nothing", async () => {
  // Another connection holds the write lock and this one does not wait: every write of the group fails.
  const other = new Database(handle().path);
  handle().sqlite.run("PRAGMA busy_timeout = 0");
  other.run("BEGIN IMMEDIATE");
  try {
    const outcomes = await Promise.allSettled([
      events.submit((_tx, record) => record(change(1))),
      events.submit((_tx, record) => record(change(2))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(published).toEqual([]);
  } finally {
    other.run("ROLLBACK");
    other.close();
  }
  await events.submit((_tx, record) => record(change(3)));
  expect(committedByOthers()).toEqual(["#3"]);
});

test("a synchronous transact nested in a group write publishes with the group, after its commit", async () => {
  let visibleWhenPublished: string[] = [];
  events.subscribe(() => {
    visibleWhenPublished = committedByOthers();
  });
  await events.submit(() => events.transact((_tx, record) => record(change(1))));
  expect(visibleWhenPublished).toEqual(["#1"]);
  expect(published).toHaveLength(1);
});

test("commitPending writes what waits now; the scheduled run then finds nothing", async () => {
  const pending = events.submit((_tx, record) => record(change(1)));
  events.commitPending();
  expect(committedByOthers()).toEqual(["#1"]);
  await pending;
  expect(published).toHaveLength(1);
});

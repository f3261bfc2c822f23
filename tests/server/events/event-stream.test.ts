import { beforeEach, expect, test } from "bun:test";
import { events as eventsTable } from "../../../db/schema/index.ts";
import { type StreamItem, streamEvents } from "../../../server/events/event-stream.ts";
import { EventsService } from "../../../server/events/events-service.ts";
import {
  isSeriesLoadingEvent,
  SERIES_LOADING_TOPICS,
  type SeriesLoadingChanged,
} from "../../../shared/events.ts";
import { databasePerTest } from "../../helpers/database-per-test.ts";

const handle = databasePerTest();
let events: EventsService;
beforeEach(() => {
  events = new EventsService(handle().db);
});

const change = (seriesId: number, n: number): SeriesLoadingChanged => ({
  type: "series.loadingChanged",
  seriesId,
  status: "loading_episodes",
  progress: { episodes: false, nfo: false, logo: false, images: false },
  message: `#${n}`,
  timestamp: n,
});

function open(
  afterId: number | null,
  options: { seriesId?: number; maxBuffer?: number; snapshot?: string[] } = {},
) {
  const controller = new AbortController();
  const it = streamEvents<string>({
    events,
    topics: SERIES_LOADING_TOPICS,
    ...(options.seriesId !== undefined ? { seriesId: options.seriesId } : {}),
    afterId,
    snapshot: () => options.snapshot ?? [],
    map: (s) => (isSeriesLoadingEvent(s.event) ? (s.event.message ?? "") : ""),
    signal: controller.signal,
    ...(options.maxBuffer ? { maxBuffer: options.maxBuffer } : {}),
  });
  return {
    it,
    close: async () => {
      controller.abort();
      await it.return(undefined);
    },
  };
}

async function take(it: AsyncGenerator<StreamItem<string>>, n: number): Promise<StreamItem<string>[]> {
  const out: StreamItem<string>[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

test("an event is in the database when listeners hear of it, and not published if the transaction fails", () => {
  const seen: boolean[] = [];
  events.subscribe((s) => {
    seen.push(
      handle()
        .db.select()
        .from(eventsTable)
        .all()
        .some((r) => r.id === s.id),
    );
  });
  events.emit(change(1, 1));
  expect(() =>
    events.transact((_tx, record) => {
      record(change(1, 2));
      throw new Error("rolled back");
    }),
  ).toThrow("rolled back");
  expect(seen).toEqual([true]);
  expect(events.log.lastId()).toBe(1);
});

test("snapshot first (tagged with the current log position), then every live change", async () => {
  events.emit(change(1, 1));
  const { it, close } = open(null, { snapshot: ["a", "b"] });
  const first = await take(it, 2);
  expect(first).toEqual([
    { id: 1, value: "a" },
    { id: 1, value: "b" },
  ]);
  events.emit(change(1, 2));
  events.emit(change(2, 3));
  expect(await take(it, 2)).toEqual([
    { id: 2, value: "#2" },
    { id: 3, value: "#3" },
  ]);
  close();
});

test("resume after lastEventId: exactly the missed events, in order, then live, no duplicates", async () => {
  for (let n = 1; n <= 5; n++) events.emit(change(1, n));
  const { it, close } = open(2);
  const replayed = take(it, 5);
  // Published while the replay is being consumed: must come after it, once.
  events.emit(change(1, 6));
  events.emit(change(1, 7));
  expect((await replayed).map((i) => i.id)).toEqual([3, 4, 5, 6, 7]);
  close();
});

test("filtered by series", async () => {
  events.emit(change(1, 1));
  events.emit(change(2, 2));
  const { it, close } = open(0, { seriesId: 2 });
  events.emit(change(1, 3));
  events.emit(change(2, 4));
  expect((await take(it, 2)).map((i) => i.value)).toEqual(["#2", "#4"]);
  close();
});

test("many subscribers each get every event", async () => {
  const streams = Array.from({ length: 20 }, () => open(null));
  const results = streams.map((s) => take(s.it, 50));
  await Bun.sleep(0);
  for (let n = 1; n <= 50; n++) events.emit(change(n % 3, n));
  for (const r of await Promise.all(results))
    expect(r.map((i) => i.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  await Promise.all(streams.map((s) => s.close()));
  expect(events.bus.size).toBe(0);
});

test("a consumer that falls behind its buffer continues from the log without gaps", async () => {
  const { it, close } = open(null, { maxBuffer: 10 });
  const pending = take(it, 100); // the generator now waits for live events
  for (let n = 1; n <= 100; n++) events.emit(change(1, n));
  const got = await pending;
  expect(got.map((i) => i.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  close();
});

test("the writers of a group commit are answered once a live stream has taken the group's events", async () => {
  const stream = open(null);
  const received: string[] = [];
  // Like the WebSocket handler: every item takes a few steps on its way out.
  const consuming = (async () => {
    for await (const item of stream.it) {
      await null;
      await null;
      received.push(item.value);
      if (received.length === 30) return;
    }
  })();
  await Bun.sleep(0); // subscribed, snapshot sent
  const seenWhenAnswered = await Promise.all(
    Array.from({ length: 30 }, (_, n) =>
      events.submit((_tx, record) => record(change(1, n))).then(() => received.length),
    ),
  );
  expect(seenWhenAnswered).toEqual(Array.from({ length: 30 }, () => 30));
  await consuming;
  await stream.close();
});

test("with no live stream listening, the writers are answered in the commit's own turn", async () => {
  let turnEnded = false;
  const answered = events.submit((_tx, record) => record(change(1, 1))).then(() => turnEnded);
  // The commit runs on setImmediate; a second setImmediate queued now runs after it.
  setImmediate(() => setImmediate(() => (turnEnded = true)));
  expect(await answered).toBe(false);
});

test("at shutdown (commitPending) the writers are answered at once, live streams or not", async () => {
  const stream = open(null);
  const consuming = take(stream.it, 1);
  await Bun.sleep(0); // subscribed
  let answered = false;
  const pending = events
    .submit((_tx, record) => record(change(1, 1)))
    .then(() => {
      answered = true;
    });
  events.commitPending();
  // Without waiting for another event-loop turn: the database may close right after.
  for (let i = 0; i < 5; i++) await null;
  expect(answered).toBe(true);
  await pending;
  await consuming;
  await stream.close();
});

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { isTrackedEnvelope } from "@trpc/server";
import { appRouter } from "../../../server/routers/app-router.ts";
import type { RequestInfo } from "../../../server/trpc/context.ts";
import { createCallerFactory } from "../../../server/trpc/trpc.ts";
import type { ScanJobStatus } from "../../../shared/library-status.ts";
import { buildMixedLibrary } from "../../helpers/library-fixture.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const request: RequestInfo = {
  // Subscriptions are served on the WebSocket only; this caller stands in for a socket.
  transport: "ws",
  headers: new Headers(),
  ip: "127.0.0.1",
  url: new URL("http://127.0.0.1/trpc"),
  connectionParams: null,
  resHeaders: null,
};

/** The real app (scan on start included) with the mixed library built after the start scan finished. */
async function setup() {
  server = await startTestServer();
  const { services } = server.app;
  const startScan = services.libraryScans.latestJob();
  expect(startScan?.kind).toBe("full");
  await services.libraryScans.waitFor(startScan!.jobId);
  buildMixedLibrary(server.config.library, join(server.dir, "outside"));
  const factory = createCallerFactory(appRouter);
  return {
    caller: factory({ services, request, principal: { userId: 1, username: "admin", via: "session" } }),
    anonymous: factory({ services, request, principal: null }),
  };
}

test("library.scan returns a job id at once; scanStatus yields progress, then the result, then ends", async () => {
  const { caller } = await setup();
  const { jobId } = await caller.library.scan();
  expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
  const seen: ScanJobStatus[] = [];
  // A server-side caller gets tracked() envelopes as they are: [eventId, data, marker].
  for await (const status of await caller.library.scanStatus({ jobId }))
    if (isTrackedEnvelope<ScanJobStatus>(status)) seen.push(status[1]);
  const last = seen.at(-1)!;
  expect(last.state).toBe("completed");
  expect(last.result?.folders).toBe(3);
  expect(seen.every((s) => s.jobId === jobId)).toBe(true);
  expect(seen.slice(0, -1).every((s) => s.state === "queued" || s.state === "running")).toBe(true);

  // Resuming from the log: the job's stored state changes after event 0 (queued, running, completed),
  // without the live progress ticks, ending with the result.
  const replayed: ScanJobStatus[] = [];
  for await (const status of await caller.library.scanStatus({ jobId, lastEventId: "0" }))
    if (isTrackedEnvelope<ScanJobStatus>(status)) replayed.push(status[1]);
  expect(replayed.map((s) => s.state)).toEqual(["queued", "running", "completed"]);
  expect(replayed.at(-1)).toEqual(last);

  const list = (await caller.series.list()).rows;
  expect(
    list.map((r) => [r.catalogKey, r.folder, r.episodesOnDisk, r.episodesMissing, r.episodesTotal]),
  ).toEqual([
    ["aniworld:attack-on-titan", "Attack on Titan (2013)", 3, 0, 0],
    ["aniworld:naruto", "Naruto", 4, 0, 0],
  ]);
  expect(Object.keys(list[0]!).sort()).toEqual(
    [
      "id",
      "catalogKey",
      "title",
      "folder",
      "year",
      "coverUrl",
      "monitored",
      "loadingStatus",
      "episodesLoaded",
      "nfoLoaded",
      "logoLoaded",
      "imagesLoaded",
      "loadingError",
      "episodesOnDisk",
      "episodesMissing",
      "episodesTotal",
    ].sort(),
  );
  const naruto = await caller.series.get({ id: list[1]!.id });
  expect(naruto.episodes.map((e) => [e.season, e.number, e.onDisk, e.fileLanguage])).toEqual([
    [0, 1, true, "de"],
    [0, 2, true, "de"],
    [1, 1, true, "de"],
    [1, 2, true, "de-sub"],
  ]);
  expect(await caller.library.missing()).toEqual([]);
  await expect(caller.series.get({ id: 9999 })).rejects.toThrow(/no series/);
});

test("scanStatus for an unknown job fails with NOT_FOUND", async () => {
  const { caller } = await setup();
  const stream = await caller.library.scanStatus({ jobId: "nope" });
  const consume = async () => {
    for await (const _ of stream) return;
  };
  await expect(consume()).rejects.toThrow(/no scan job/);
});

test("library.parse answers a name; bad input and anonymous callers are refused", async () => {
  const { caller, anonymous } = await setup();
  expect(await caller.library.parse({ name: "Naruto - S01E001 - (German Dub).mp4" })).toMatchObject({
    title: "Naruto",
    season: 1,
    episodes: [1],
    absolute: [],
    language: "de",
  });
  await expect(caller.library.parse({ name: "x".repeat(5000) })).rejects.toThrow(/Invalid (length|value)/);
  await expect(caller.library.scan({ folder: "../../etc" })).rejects.toThrow(/one folder name/);
  await expect(caller.library.missing({ seriesId: -1 })).rejects.toThrow(/Invalid (length|value)/);
  await expect(anonymous.library.scan()).rejects.toThrow(/sign in/);
  await expect(anonymous.series.list()).rejects.toThrow(/sign in/);
  await expect(anonymous.library.parse({ name: "a" })).rejects.toThrow(/sign in/);
});
